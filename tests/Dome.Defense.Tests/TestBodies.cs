using Dome.Model.Flight;

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
