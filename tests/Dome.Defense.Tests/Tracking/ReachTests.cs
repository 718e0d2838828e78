using Dome.Defense.Tracking;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Xunit;

namespace Dome.Defense.Tests.Tracking;

public class ReachTests
{
    private static readonly RadarSite ShortRange = MeasurementAndMotionTests.Radar with { Id = "short", MaxRangeMeters = 20_000 };

    [Fact]
    public void MayReach_IsFalseOnlyForTracksThatFlyOutsideTheRadarsRange()
    {
        // Random tracks 5–60 km from a 20 km radar, up to 1.5 km/s in any direction at 0–12 km up, flown 0–3 s by the
        // tracker's own motion model: every track judged out of reach lies beyond the maximum range once flown, and
        // most far ones are judged out (the test that tells the judgement is not always "in reach").
        LocalFrame frame = new(ShortRange.Position);
        Random random = new(17);
        int outOfReach = 0, beyondAfterFlight = 0;
        for (int i = 0; i < 4000; i++)
        {
            double bearing = random.NextDouble() * 2 * Math.PI, distance = 5_000 + (random.NextDouble() * 55_000);
            EnuVector where = new(distance * Math.Sin(bearing), distance * Math.Cos(bearing), random.NextDouble() * 12_000);
            double speed = random.NextDouble() * 1_500, heading = random.NextDouble() * 2 * Math.PI, climb = (random.NextDouble() - 0.5) * Math.PI;
            EnuVector velocity = new(speed * Math.Cos(climb) * Math.Sin(heading), speed * Math.Cos(climb) * Math.Cos(heading), speed * Math.Sin(climb));
            Vector3 r = frame.ToEcef(where).Vector, v = frame.ToEcefVector(velocity);
            double[] p = new double[49];
            for (int d = 0; d < 3; d++)
            {
                p[(d * 7) + d] = 100 * 100;
                p[((d + 3) * 7) + d + 3] = 30 * 30;
            }

            p[48] = 1e-9;
            Track track = Track.FromEstimate(1, 0, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1e-4], p);
            double dt = random.NextDouble() * 3;
            bool reach = Tracker.MayReach(ShortRange, frame, track, dt);
            InteractingMultipleModel.PredictTrack(track, dt, TrackerSettings.Default);
            double flown = (track.Position - frame.OriginEcef.Vector).Length;
            if (!reach)
            {
                outOfReach++;
                Assert.True(flown > ShortRange.MaxRangeMeters, $"judged out of reach, yet {flown:F0} m from the radar after {dt:F2} s");
            }

            if (flown > ShortRange.MaxRangeMeters + 10_000)
            {
                beyondAfterFlight++;
            }
        }

        Assert.True(outOfReach > 0.9 * beyondAfterFlight, $"{outOfReach} judged out of reach, {beyondAfterFlight} beyond the range by 10 km");
    }

    [Fact]
    public void MayReach_AStaleTrackComesBackIntoReach()
    {
        // 30 km out at 1 km/s towards the radar: out of reach a second later, in reach after ten (where it then is).
        LocalFrame frame = new(ShortRange.Position);
        Vector3 r = frame.ToEcef(new EnuVector(30_000, 0, 3_000)).Vector, v = frame.ToEcefVector(new EnuVector(-1_000, 0, 0));
        double[] p = new double[49];
        for (int d = 0; d < 7; d++)
        {
            p[(d * 7) + d] = d < 3 ? 100 : d < 6 ? 10 : 1e-10;
        }

        Track track = Track.FromEstimate(1, 0, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1e-4], p);
        Assert.False(Tracker.MayReach(ShortRange, frame, track, 1));
        Assert.True(Tracker.MayReach(ShortRange, frame, track, 10));
    }
}
