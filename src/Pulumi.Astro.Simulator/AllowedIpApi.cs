using System.Net;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The organization's IP access list (allowed IP address ranges): list, create, delete, and the bulk create and delete.
/// As Astro enforces it: while the list is empty the API is open to every address; once it has a range, a request from
/// an address outside every range is refused with 403. Adding the first range must therefore cover the caller's own
/// address, or the API refuses it (400); removing the range that covers the caller is not prevented and locks the
/// caller out (the Terraform provider's astro_allowed_ip_address_ranges documents both). The caller's address is the
/// connection's, unless the control API sets the address astro-sim should see (<c>POST /_sim/caller-ip</c>), as a
/// client behind a NAT or a CI runner's egress would present one.
/// </summary>
internal sealed partial class AstroSim
{
    private volatile string? _callerIp;

    /// <summary>The address astro-sim takes every API request to come from, or null for the connection's own.</summary>
    public string? CallerIpOverride
    {
        get => _callerIp;
        set => _callerIp = value;
    }

    public IPAddress CallerIp(HttpContext ctx)
    {
        if (_callerIp is { } set) return IPAddress.Parse(set);
        var remote = ctx.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        return remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
    }

    /// <summary>The 403 for a caller outside a non-empty access list, or null when the API is open to it.</summary>
    public ApiError? AccessListRefuses(HttpContext ctx)
    {
        List<IpRange> ranges;
        lock (Store.Gate) ranges = AllowedRanges().ToList();
        if (ranges.Count == 0) return null;
        var ip = CallerIp(ctx);
        return ranges.Any(r => r.Contains(ip))
            ? null
            : new ApiError(403, $"requests from IP address {ip} are not allowed by the organization's IP access list");
    }

    private IEnumerable<IpRange> AllowedRanges() =>
        Live(AccessKinds.IpRange).Select(r => IpRanges.TryParse((string)r["ipAddressRange"]!, out var range) ? range : (IpRange?)null)
            .Where(r => r is not null).Select(r => r!.Value);

    public bool HasAllowedIpAddressRanges => Live(AccessKinds.IpRange).Any();

    public JObject ListAllowedIpAddressRanges(IQueryCollection query) =>
        PageBy("allowedIpAddressRanges", Live(AccessKinds.IpRange), query, Public,
            Field("createdAt"), Field("ipAddress", "ipAddressRange"), Field("updatedAt"));

    public JObject CreateAllowedIpAddressRange(HttpContext ctx, JObject body)
    {
        Validator.Require(body, AccessSpecs.CreateAllowedIpAddressRange);
        return AddRanges(ctx, [(string)body["ipAddressRange"]!], "ipAddressRange")[0];
    }

    public JObject BulkCreateAllowedIpAddressRanges(HttpContext ctx, JObject body)
    {
        Validator.Require(body, AccessSpecs.BulkCreateAllowedIpAddressRanges);
        var added = AddRanges(ctx, [.. ((JArray)body["allowedIpAddressRanges"]!).Select(r => (string)r!)], "allowedIpAddressRanges");
        return new JObject { ["allowedIpAddressRanges"] = new JArray(added) };
    }

    public void DeleteAllowedIpAddressRange(string id)
    {
        if (Find(AccessKinds.IpRange, id) is null) throw ApiError.NotFound("allowed IP address range", id);
        Store.Remove(AccessKinds.IpRange, id);
    }

    /// <summary>Deletes ranges by id; ids that are not (or no longer) in the list are skipped, so a repeat succeeds. Answers 204.</summary>
    public void BulkDeleteAllowedIpAddressRanges(JObject body)
    {
        Validator.Require(body, AccessSpecs.BulkDeleteAllowedIpAddressRanges);
        foreach (var id in ((JArray)body["allowedIpAddressRangeIds"]!).Select(i => (string)i!).Distinct())
            if (Find(AccessKinds.IpRange, id) is not null) Store.Remove(AccessKinds.IpRange, id);
    }

    /// <summary>
    /// Adds ranges all or nothing: each is stored in canonical form; one that is in the list already (or twice in the
    /// request) is a 409; the first ranges of an empty list must cover the caller.
    /// </summary>
    private List<JObject> AddRanges(HttpContext ctx, IReadOnlyList<string> requested, string field)
    {
        var existing = Live(AccessKinds.IpRange).ToDictionary(r => (string)r["ipAddressRange"]!, r => (string)r["id"]!);
        var canonical = requested.Select(IpRanges.Canonical).ToList();
        for (var i = 0; i < canonical.Count; i++)
        {
            var where = requested.Count == 1 && field == "ipAddressRange" ? "" : $" ({field}[{i}])";
            if (existing.TryGetValue(canonical[i], out var id))
                throw ApiError.Conflict($"IP address range {canonical[i]}{where} is already allowed ({id})");
            if (canonical.IndexOf(canonical[i]) < i)
                throw ApiError.Conflict($"IP address range {canonical[i]}{where} is given twice");
        }
        if (existing.Count == 0)
        {
            var ip = CallerIp(ctx);
            if (!canonical.Any(c => IpRanges.TryParse(c, out var r) && r.Contains(ip)))
                throw ApiError.Field(field, "lockout",
                    $"must include your IP address {ip}: the first allowed range turns the IP access list on, and it would lock you out");
        }
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var added = new List<JObject>();
        foreach (var cidr in canonical)
        {
            var id = Ids.NewId();
            var range = new JObject
            {
                ["id"] = id,
                ["ipAddressRange"] = cidr,
                ["organizationId"] = Options.OrganizationId,
                ["createdAt"] = now,
                ["updatedAt"] = now,
                ["createdBy"] = Subject(),
                ["updatedBy"] = Subject(),
                [Internal] = new JObject { ["created"] = nowMs },
            };
            Store.Put(AccessKinds.IpRange, id, range);
            added.Add(Public(range));
        }
        return added;
    }
}
