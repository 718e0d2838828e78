namespace Dome.Defense.Tracking;

/// <summary>
/// The physical bound on the drag parameter: k = Cd₀·A/m is never below zero, yet a Kalman update may take it there —
/// the tail of a motor's thrust, still felt after the IMM's boost mode has lost the lead, reads as negative drag. A state
/// whose k fell below zero is projected onto k = 0 in the metric of its own covariance (Simon &amp; Chia, "Kalman
/// filtering with state equality constraints", IEEE Trans. AES 38(1), 2002): x ← x − P·e·(eᵀPe)⁻¹·(eᵀx), with e the
/// unit vector of k — for a Gaussian estimate, the mean given k = 0, so the position and velocity that were bent to
/// explain the negative drag are bent back with it. The covariance is left as it is (the bound is not a measurement:
/// k stays free to grow). Stateless; thread-safe.
/// </summary>
public static class DragConstraint
{
    /// <summary>Projects a state onto k ≥ 0 under its covariance; returns whether it moved.</summary>
    public static bool Apply(Span<double> x, ReadOnlySpan<double> p)
    {
        const int n = BallisticMotionModel.Dimension, d = BallisticMotionModel.DragIndex;
        double k = x[d];
        double variance = p[(d * n) + d];
        if (!(k < 0) || !(variance > 0))
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            x[i] -= p[(i * n) + d] / variance * k;
        }

        x[d] = 0;
        return true;
    }
}
