using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// Paging for the organization-access lists, whose sort keys differ per list (the model's <c>List*ParamsSorts</c>
/// enums: teams sort by <c>description</c>, members by <c>username</c>, ranges by <c>ipAddress</c>, and so on).
/// </summary>
internal sealed partial class AstroSim
{
    /// <summary>A sort key of a list: the name in <c>sorts</c> and the value it orders by.</summary>
    public sealed record SortKey(string Name, Func<JObject, string> Value);

    public static SortKey Field(string name, string? field = null) => new(name, o => (string?)o[field ?? name] ?? "");

    /// <summary>
    /// One page of <paramref name="items"/> in Astro's envelope <c>{itemsKey, limit, offset, totalCount}</c>, in creation
    /// order unless <c>sorts</c> names keys of <paramref name="sortKeys"/> (<c>name:asc</c>, repeated); another key is a 400.
    /// </summary>
    public JObject PageBy(string itemsKey, IEnumerable<JObject> items, IQueryCollection query, Func<JObject, JObject> render, params SortKey[] sortKeys)
    {
        var offset = QueryInt(query, "offset", 0, 0, int.MaxValue);
        var limit = QueryInt(query, "limit", 20, 0, 1000);
        var ordered = items.OrderBy(o => Ms(Sim(o), "created") ?? 0).ThenBy(o => (string?)o["id"], StringComparer.Ordinal).ToList();
        IOrderedEnumerable<JObject>? sorted = null;
        foreach (var sort in query["sorts"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!))
        {
            var parts = sort.Split(':');
            var key = parts.Length == 2 && (parts[1] is "asc" or "desc") ? sortKeys.FirstOrDefault(k => k.Name == parts[0]) : null;
            if (key is null)
                throw ApiError.Field("sorts", "oneof",
                    $"'{sort}' must be one of {string.Join(", ", sortKeys.Select(k => k.Name))} followed by :asc or :desc");
            sorted = (sorted, parts[1]) switch
            {
                (null, "asc") => ordered.OrderBy(key.Value, StringComparer.Ordinal),
                (null, _) => ordered.OrderByDescending(key.Value, StringComparer.Ordinal),
                (_, "asc") => sorted.ThenBy(key.Value, StringComparer.Ordinal),
                _ => sorted.ThenByDescending(key.Value, StringComparer.Ordinal),
            };
        }
        var all = sorted?.ToList() ?? ordered;
        return new JObject
        {
            [itemsKey] = new JArray(all.Skip(offset).Take(limit).Select(render)),
            ["limit"] = limit,
            ["offset"] = offset,
            ["totalCount"] = all.Count,
        };
    }

    /// <summary>A boolean query parameter: absent is <paramref name="fallback"/>; anything but true or false is a 400.</summary>
    public static bool QueryFlag(IQueryCollection query, string name, bool fallback) =>
        query[name].FirstOrDefault() switch
        {
            null => fallback,
            var v when string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) => true,
            var v when string.Equals(v, "false", StringComparison.OrdinalIgnoreCase) => false,
            var v => throw ApiError.Field(name, "invalid_type", $"must be true or false, not '{v}'"),
        };

    /// <summary>The values of a repeated enum query parameter, each checked against <paramref name="allowed"/>.</summary>
    public static HashSet<string> QueryEnums(IQueryCollection query, string name, string[] allowed)
    {
        var values = query[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToHashSet(StringComparer.Ordinal);
        foreach (var v in values.Where(v => !allowed.Contains(v)))
            throw ApiError.Field(name, "oneof", $"must be one of {string.Join(", ", allowed)}, not '{v}'");
        return values;
    }
}
