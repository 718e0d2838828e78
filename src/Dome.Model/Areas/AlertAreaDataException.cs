namespace Dome.Model.Areas;

/// <summary>The alert-area data files are missing or corrupted. The message names the file, line and field.</summary>
public sealed class AlertAreaDataException(string message) : Exception(message);
