using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The control API's field paths: names joined by dots, each optionally followed by <c>[i]</c> array indexes, e.g.
/// <c>schedulerSize</c>, <c>workerQueues[0].astroMachine</c>, <c>scalingSpec.hibernationSpec.override</c>.
/// </summary>
internal static partial class FieldPath
{
    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_]+)(?<index>\[[0-9]+\])*$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    /// <summary>
    /// Sets (or with <paramref name="remove"/> removes) the field at <paramref name="path"/> of a stored object. Objects
    /// on the way must exist, except that the last object level is created; astro-sim's private members cannot be reached.
    /// Throws <see cref="ApiError"/> (400, field <c>path</c>) on a bad or unreachable path.
    /// </summary>
    public static void Set(JObject root, string path, JToken? value, bool remove)
    {
        var segments = path.Split('.');
        if (segments.Any(s => !Segment().IsMatch(s))) throw Bad(path, "must be field names joined by dots, each with optional [i] indexes");
        if (segments[0].StartsWith(AstroSim.Internal, StringComparison.Ordinal) || path == "id")
            throw Bad(path, "cannot change astro-sim's private state or an object's id");
        JToken current = root;
        for (var s = 0; s < segments.Length; s++)
        {
            var match = Segment().Match(segments[s]);
            var name = match.Groups["name"].Value;
            var indexes = match.Groups["index"].Captures.Select(c => int.Parse(c.Value[1..^1], CultureInfo.InvariantCulture)).ToList();
            var last = s == segments.Length - 1;
            if (current is not JObject obj) throw Bad(path, $"'{string.Join('.', segments[..s])}' is not an object");
            if (indexes.Count == 0)
            {
                if (last)
                {
                    if (remove) obj.Remove(name);
                    else obj[name] = value;
                    return;
                }
                if (obj[name] is not JObject next)
                {
                    if (obj[name] is { Type: not JTokenType.Null } || s < segments.Length - 2)
                        throw Bad(path, $"'{string.Join('.', segments[..(s + 1)])}' is not an object");
                    obj[name] = next = new JObject();
                }
                current = next;
                continue;
            }
            JToken element = obj[name] ?? throw Bad(path, $"'{string.Join('.', segments[..s].Append(name))}' does not exist");
            for (var i = 0; i < indexes.Count; i++)
            {
                if (element is not JArray array || indexes[i] >= array.Count) throw Bad(path, $"index {indexes[i]} is outside '{segments[s]}'");
                if (last && i == indexes.Count - 1)
                {
                    if (remove) array.RemoveAt(indexes[i]);
                    else array[indexes[i]] = value ?? JValue.CreateNull();
                    return;
                }
                element = array[indexes[i]];
            }
            current = element;
        }
    }

    private static ApiError Bad(string path, string why) => ApiError.Field("path", "invalid", $"'{path}': {why}");
}
