using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>List endpoints: offset, limit and sorts, answered with the §1.3 envelope.</summary>
internal sealed partial class AstroSim
{
    private static readonly string[] SortFields = ["name", "createdAt", "updatedAt"];

    /// <summary>
    /// One page of <paramref name="items"/>. <paramref name="sortFields"/> maps each sort key the list takes to the field
    /// it sorts by (e.g. <c>tokenStartAt</c> to <c>startAt</c>); by default name, createdAt and updatedAt.
    /// </summary>
    public JObject Page(string itemsKey, IEnumerable<JObject> items, IQueryCollection query, Func<JObject, JObject> render, bool sortable,
        IReadOnlyDictionary<string, string>? sortFields = null)
    {
        var offset = QueryInt(query, "offset", 0, 0, int.MaxValue);
        var limit = QueryInt(query, "limit", 20, 0, 1000);
        var ordered = items.OrderBy(o => Ms(Sim(o), "created") ?? 0).ThenBy(o => (string?)o["id"], StringComparer.Ordinal).ToList();
        var sorts = query["sorts"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        if (sorts.Count > 0 && !sortable) throw ApiError.Field("sorts", "not_allowed", "this list cannot be sorted");
        IOrderedEnumerable<JObject>? sorted = null;
        foreach (var sort in sorts)
        {
            var parts = sort.Split(':');
            var keys = sortFields?.Keys ?? SortFields.AsEnumerable();
            if (parts.Length != 2 || !keys.Contains(parts[0]) || parts[1] is not ("asc" or "desc"))
                throw ApiError.Field("sorts", "oneof", $"'{sort}' must be one of {string.Join(", ", keys)} followed by :asc or :desc");
            var field = sortFields?[parts[0]] ?? parts[0];
            Func<JObject, string> key = o => (string?)o.SelectToken(field) ?? "";
            sorted = (sorted, parts[1]) switch
            {
                (null, "asc") => ordered.OrderBy(key, StringComparer.Ordinal),
                (null, _) => ordered.OrderByDescending(key, StringComparer.Ordinal),
                (_, "asc") => sorted.ThenBy(key, StringComparer.Ordinal),
                _ => sorted.ThenByDescending(key, StringComparer.Ordinal),
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

    public static int QueryInt(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var raw = query[name].FirstOrDefault();
        if (raw is null) return fallback;
        return int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw ApiError.Field(name, "range", $"must be a whole number from {min} to {max}, not '{raw}'");
    }
}
