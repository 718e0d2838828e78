using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Dome.Simulation.Scenarios;

/// <summary>
/// One change to a scenario file's values, written <c>PATH=VALUE</c> in the scenario's own keys:
/// <c>policy.alerting.containment=0.95</c>, <c>radars[*].detection_probability=0.9</c> (every radar),
/// <c>threats[0].aim_spread_m=300</c> (the first salvo). The changed file is validated exactly as a written one, so
/// an override can never produce a scenario a file could not.
/// </summary>
public sealed partial record ScenarioOverride(string Path, string Value)
{
    /// <summary>The option that carried the override, as error messages name it (e.g. <c>--vary</c>).</summary>
    public string Option { get; init; } = "--set";

    public override string ToString() => $"{Path}={Value}";

    /// <summary>Parses <c>PATH=VALUE</c>.</summary>
    /// <exception cref="ScenarioException">The text is not of that form.</exception>
    public static ScenarioOverride Parse(string text, string option = "--set")
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ScenarioException(option, $"'{text}': expected KEY=VALUE with a scenario key such as policy.alerting.containment=0.95");
        }

        string path = text[..eq].Trim();
        if (!PathPattern().IsMatch(path))
        {
            throw new ScenarioException(option, $"'{path}': a key is a dotted path of the scenario's keys, a list item as name[N] or every item as name[*], e.g. radars[*].detection_probability");
        }

        if (path is "seed" or "name")
        {
            throw new ScenarioException(option, $"'{path}' cannot be overridden: the run's seed is set with --seed, and a variant keeps its scenario's name");
        }

        return new ScenarioOverride(path, text[(eq + 1)..].Trim()) { Option = option };
    }

    /// <summary>Applies overrides to a parsed scenario document, marking every node they write.</summary>
    internal static void Apply(YamlNode root, IReadOnlyList<ScenarioOverride> overrides)
    {
        foreach (ScenarioOverride o in overrides)
        {
            o.ApplyTo(root);
        }
    }

    /// <summary>The override that wrote a node, when one did (so errors name the option rather than a file line).</summary>
    internal static ScenarioOverride? Origin(YamlNode node) => Origins.TryGetValue(node, out ScenarioOverride? origin) ? origin : null;

    private static readonly ConditionalWeakTable<YamlNode, ScenarioOverride> Origins = [];

    private void ApplyTo(YamlNode root)
    {
        // The path's segments: a key, with [*] for every item of a list or [N] for one.
        List<(string Key, int? Index, bool All)> segments = ParseSegments(Path);
        List<YamlNode> current = [root];
        string walked = "";
        for (int s = 0; s < segments.Count; s++)
        {
            (string key, int? index, bool all) = segments[s];
            bool last = s == segments.Count - 1;
            walked = walked.Length == 0 ? key : $"{walked}.{key}";
            List<YamlNode> next = [];
            foreach (YamlNode node in current)
            {
                if (node is not YamlMappingNode map)
                {
                    throw Fail($"'{walked}' is inside a value that is not a mapping of keys");
                }

                YamlScalarNode keyNode = new(key);
                map.Children.TryGetValue(keyNode, out YamlNode? child);
                if (index is null && !all)
                {
                    if (last)
                    {
                        if (child is not null and not YamlScalarNode)
                        {
                            throw Fail($"'{walked}' is a {(child is YamlSequenceNode ? "list" : "mapping")}; give the path of one value in it");
                        }

                        YamlScalarNode value = new(Value);
                        Origins.AddOrUpdate(value, this);
                        if (child is null)
                        {
                            Origins.AddOrUpdate(keyNode, this);
                        }

                        map.Children[child is null ? keyNode : FindKey(map, key)] = value;
                        continue;
                    }

                    if (child is null)
                    {
                        child = new YamlMappingNode();
                        Origins.AddOrUpdate(child, this);
                        Origins.AddOrUpdate(keyNode, this);
                        map.Children[keyNode] = child;
                    }

                    next.Add(child);
                    continue;
                }

                if (child is not YamlSequenceNode list)
                {
                    throw Fail(child is null ? $"the scenario has no '{walked}' list" : $"'{walked}' is not a list");
                }

                if (last)
                {
                    throw Fail($"'{walked}' names list items; give the path of one value in them, e.g. {walked}[*].id");
                }

                if (all)
                {
                    if (list.Children.Count == 0)
                    {
                        throw Fail($"the scenario's '{walked}' list is empty");
                    }

                    next.AddRange(list.Children);
                }
                else if (index < list.Children.Count)
                {
                    next.Add(list.Children[index.Value]);
                }
                else
                {
                    throw Fail($"'{walked}[{index}]' does not exist: the list has {list.Children.Count} item(s), numbered from 0");
                }
            }

            current = next;
        }
    }

    private static YamlNode FindKey(YamlMappingNode map, string key) =>
        map.Children.Keys.First(k => k is YamlScalarNode { Value: { } v } && v == key);

    private ScenarioException Fail(string problem) => new($"{Option} {this}", problem);

    private static List<(string, int?, bool)> ParseSegments(string path)
    {
        List<(string, int?, bool)> segments = [];
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                segments.Add((part, null, false));
                continue;
            }

            string inside = part[(bracket + 1)..^1];
            segments.Add((part[..bracket], inside == "*" ? null : int.Parse(inside, System.Globalization.CultureInfo.InvariantCulture), inside == "*"));
        }

        return segments;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\[(\*|[0-9]{1,6})\])?(\.[a-z][a-z0-9_]*(\[(\*|[0-9]{1,6})\])?)*$")]
    private static partial Regex PathPattern();
}
