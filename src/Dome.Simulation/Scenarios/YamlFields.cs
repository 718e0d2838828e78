using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dome.Simulation.Scenarios;

/// <summary>
/// Reads one YAML mapping with strict validation: every key must be known, every required key present, every value of
/// the right type and range; each error points at the file, line and column of the offending node.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _map;
    private readonly string _file;
    private readonly string _context;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlFields(YamlNode node, string file, string context)
    {
        _file = file;
        _context = context;
        _map = node as YamlMappingNode ?? throw Error(node, $"{context} must be a mapping of keys to values");
    }

    public YamlNode Node => _map;

    public int Line => (int)_map.Start.Line;

    public ScenarioException Error(YamlNode node, string problem) =>
        ScenarioOverride.Origin(node) is { } origin
            ? new ScenarioException($"{origin.Option} {origin}", problem)
            : new ScenarioException(_file, (int)node.Start.Line, (int)node.Start.Column, problem);

    public bool Has(string key)
    {
        _known.Add(key);
        return _map.Children.ContainsKey(new YamlScalarNode(key));
    }

    public YamlNode? Optional(string key)
    {
        _known.Add(key);
        return _map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;
    }

    /// <summary>
    /// Requires exactly one of two alternative keys; returns the first one's value when it is the one given, null when
    /// the second is.
    /// </summary>
    public YamlNode? ExactlyOne(string first, string firstMeaning, string second, string secondMeaning)
    {
        if (Has(first) == Has(second))
        {
            throw Error(_map, $"{_context}: give exactly one of '{first}' ({firstMeaning}) or '{second}' ({secondMeaning})");
        }

        return Optional(first);
    }

    public YamlNode Required(string key)
    {
        if (Optional(key) is { } value)
        {
            return value;
        }

        // A key written without its unit ('duration' for 'duration_s') is the likeliest cause: point at it.
        foreach ((YamlNode keyNode, YamlNode _) in _map.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } written } && key.StartsWith(written + "_", StringComparison.Ordinal))
            {
                throw Error(keyNode, $"{_context}: unknown key '{written}'; the value needs its unit in the key: '{key}'");
            }
        }

        throw Error(_map, $"{_context}: required field '{key}' is missing");
    }

    public string String(string key, string? fallback = null)
    {
        YamlNode? node = fallback is null ? Required(key) : Optional(key);
        if (node is null)
        {
            return fallback!;
        }

        return node is YamlScalarNode { Value: { } text } ? text : throw Error(node, $"{_context}.{key}: expected text");
    }

    public double Number(string key, double min, double max, string unit, double? fallback = null)
    {
        YamlNode? node = fallback is null ? Required(key) : Optional(key);
        if (node is null)
        {
            return fallback!.Value;
        }

        if (node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw Error(node, $"{_context}.{key}: expected a number{UnitText(unit)}, found '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'");
        }

        if (value < min || value > max)
        {
            throw Error(node, string.Create(CultureInfo.InvariantCulture, $"{_context}.{key}: {text}{UnitText(unit)} is out of range [{min}, {max}]"));
        }

        return value;
    }

    public int Integer(string key, int min, int max, int? fallback = null)
    {
        YamlNode? node = fallback is null ? Required(key) : Optional(key);
        if (node is null)
        {
            return fallback!.Value;
        }

        if (node is not YamlScalarNode { Value: { } text } || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw Error(node, $"{_context}.{key}: expected a whole number, found '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'");
        }

        if (value < min || value > max)
        {
            throw Error(node, string.Create(CultureInfo.InvariantCulture, $"{_context}.{key}: {value} is out of range [{min}, {max}]"));
        }

        return value;
    }

    public bool Boolean(string key, bool fallback)
    {
        YamlNode? node = Optional(key);
        if (node is null)
        {
            return fallback;
        }

        return node is YamlScalarNode { Value: "true" or "false" } scalar
            ? scalar.Value == "true"
            : throw Error(node, $"{_context}.{key}: expected true or false");
    }

    public IEnumerable<YamlNode> Sequence(string key, bool required)
    {
        YamlNode? node = required ? Required(key) : Optional(key);
        if (node is null)
        {
            return [];
        }

        return node is YamlSequenceNode sequence ? sequence.Children : throw Error(node, $"{_context}.{key}: expected a list");
    }

    /// <summary>Rejects every key that was not asked for, suggesting the unit suffix when that is what is missing.</summary>
    public void RejectUnknownKeys()
    {
        foreach ((YamlNode keyNode, YamlNode _) in _map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (_known.Contains(key))
            {
                continue;
            }

            string? withUnit = _known.FirstOrDefault(k => k.StartsWith(key + "_", StringComparison.Ordinal));
            string hint = withUnit is not null
                ? $"; the value needs its unit in the key: '{withUnit}'"
                : $"; known keys: {string.Join(", ", _known.Order(StringComparer.Ordinal))}";
            throw Error(keyNode, $"{_context}: unknown key '{key}'{hint}");
        }
    }

    private static string UnitText(string unit) => unit.Length == 0 ? "" : $" ({unit})";

    /// <summary>Parses a YAML document, turning syntax errors into scenario errors with their position.</summary>
    public static YamlNode ParseDocument(string file, string text)
    {
        YamlStream stream = [];
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException?.Message ?? ex.Message;
            int cut = message.IndexOf("):", StringComparison.Ordinal);
            throw new ScenarioException(file, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {(cut >= 0 ? message[(cut + 2)..].Trim() : message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            throw new ScenarioException(file, 1, 1, "not valid YAML: an unclosed or malformed [list] or {mapping}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ScenarioException(file, 1, 1, "expected exactly one YAML document");
        }

        return stream.Documents[0].RootNode;
    }
}
