namespace Dome.Simulation.Reporting;

/// <summary>A report folder being written: creates it, and names each file as it is written so the caller can list them.</summary>
public sealed class ReportFolder
{
    private readonly List<string> _written = [];

    public ReportFolder(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        System.IO.Directory.CreateDirectory(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The paths written so far, in order.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>The path of a file (or sub-folder) of the report, recorded as written.</summary>
    public string Path(string name)
    {
        string path = System.IO.Path.Combine(Directory, name);
        _written.Add(path);
        return path;
    }
}
