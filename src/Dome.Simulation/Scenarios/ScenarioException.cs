namespace Dome.Simulation.Scenarios;

/// <summary>A scenario file is invalid. The message reads "file:line:column: what is wrong".</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>An error in a value that came from the command line rather than a file line.</summary>
    public ScenarioException(string origin, string problem)
        : base($"{origin}: {problem}")
    {
        File = origin;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public string Problem { get; }
}
