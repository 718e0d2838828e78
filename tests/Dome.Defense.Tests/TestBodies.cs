using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests;

/// <summary>Flight bodies for the model's integrator that obey exactly the core's motion model.</summary>
internal static class TestBodies
{
    /// <summary>A 1 kg coasting body whose drag is ½ρv²·k·Cd(M)/Cd₀, i.e. the motion model with drag parameter k (m²/kg).</summary>
    public static FlightBody WithDragParameter(double k) => new()
    {
        LaunchMassKilograms = 1,
        MassFlowKilogramsPerSecond = 0,
        BurnTimeSeconds = 0,
        ThrustNewtons = 0,
        ReferenceAreaSquareMeters = k,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 1 / DragCurve.FinStabilizedRocket.At(0),
    };
}

/// <summary>Filter states for the tracking tests: a Grad's truth state with a given diagonal covariance.</summary>
internal static class TestStates
{
    /// <summary>
    /// x = the state of a Grad fired from 31.55°N 34.50°E towards 030° at 45°, <paramref name="age"/> seconds after launch, with
    /// k = 1.2e-4 m²/kg; P = diag(<paramref name="diagonal"/>) (7 entries: m², (m/s)², (m²/kg)²).
    /// </summary>
    public static (double[] X, double[] P) Grad(double age, double[] diagonal)
    {
        const int n = BallisticMotionModel.Dimension;
        (Vector3 r, Vector3 v) = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.55, 34.50), 30, 45)).StateAt(age);
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            p[(i * n) + i] = diagonal[i];
        }

        return ([r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1.2e-4], p);
    }
}
