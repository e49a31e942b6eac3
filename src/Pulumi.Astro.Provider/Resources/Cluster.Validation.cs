using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>The Cluster's Check rules: API fact sheet §4.5 and §8, reported with the property path and the rule.</summary>
public sealed partial class Cluster
{
    /// <summary>The cluster's own ranges: none may overlap another (§4.5).</summary>
    internal static readonly Prop[] PrimaryRanges = [VpcSubnetRange, SecondaryVpcCidr, PodSubnetRange, ServiceSubnetRange, ServicePeeringRange];

    /// <summary>The DR region's ranges: none may overlap another; they may reuse the primary ones (another region).</summary>
    internal static readonly Prop[] DrRanges = [DrVpcSubnetRange, DrSecondaryVpcCidr, DrPodSubnetRange, DrServiceSubnetRange, DrServicePeeringRange];

    protected override PropertyMap CheckRules(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures)
    {
        // The name defaults to the resource name; a name from an earlier run stays.
        if (!news.Has(Name.Name))
        {
            news = news.With(Name.Name, olds.Has(Name.Name) ? olds[Name.Name] : PropertyValue.From(name));
            if (Known(news, Name) is { Length: > 100 } defaulted)
                failures.Add(new CheckFailure(Name.Name, $"defaults to the resource name, which has {defaulted.Length} characters; Astro allows at most 100: set name"));
        }
        void Fail(string path, string reason) => failures.Add(new CheckFailure(path, reason));
        void Forbid(Prop prop, string why)
        {
            if (news.Has(prop.Name)) Fail(prop.Name, why);
        }
        void Require(Prop prop, string why)
        {
            if (!news.Has(prop.Name)) Fail(prop.Name, why);
        }

        var provider = Known(news, CloudProvider);
        var type = Known(news, TypeProp);
        var drRegion = news[DrRegion.Name];
        // Rules that need DR on wait until drRegion is known (preview may leave it unknown).
        var drOn = Known(news, DrRegion) is not null;

        foreach (var p in PrimaryRanges.Concat(DrRanges))
            if (Known(news, p) is { } cidr && Cidr.Problem(cidr) is { } problem) Fail(p.Name, problem);

        // DR is on exactly when drRegion is set (§4.5 has no other switch); the DR fields need it (§8).
        if (drRegion.IsNull)
            foreach (var p in DrFields) Forbid(p, "is only valid when DR is on (set drRegion)");
        if (Known(news, DrRegion) is { } dr && dr == Known(news, Region))
            Fail(DrRegion.Name, "must differ from region");

        // A cloud this provider does not know (Astro reported it; the generic rules let it pass) has no rules here yet:
        // its cloud-specific inputs are left as they are rather than judged by another cloud's rules.
        if (provider is not null && CloudProvider.Enum!.Allows(provider))
        {
            if (provider == "GCP")
            {
                foreach (var p in new[] { PodSubnetRange, ServiceSubnetRange, ServicePeeringRange }) Require(p, "is required for GCP clusters");
                // GCP DR needs drRegion and all four DR ranges (§8); Astro fills none of them in.
                if (drOn)
                    foreach (var p in new[] { DrVpcSubnetRange, DrPodSubnetRange, DrServiceSubnetRange, DrServicePeeringRange })
                        Require(p, "is required for GCP clusters with DR (drRegion set)");
            }
            else
            {
                foreach (var p in new[] { PodSubnetRange, ServiceSubnetRange, ServicePeeringRange, DrPodSubnetRange, DrServiceSubnetRange, DrServicePeeringRange })
                    Forbid(p, $"is only for GCP clusters, not {provider}");
            }
            if (provider != "AZURE") Forbid(TenantId, $"is only for AZURE clusters, not {provider}");
            if (provider != "AWS")
            {
                foreach (var p in new[] { SecondaryVpcCidr, DrSecondaryVpcCidr, IsPrivateNetworkEgressEnabled })
                    Forbid(p, $"is only for AWS clusters, not {provider}");
            }
            else
            {
                if (Known(news, SecondaryVpcCidr) is { } secondary && Cidr.TryParse(secondary, out var c) && c.Prefix is < 16 or > 20)
                    Fail(SecondaryVpcCidr.Name, $"must be a /16 to a /20, not /{c.Prefix}");
            }
        }
        if (type == "HYBRID")
        {
            Require(ProviderAccount, "is required for HYBRID clusters");
            Require(DbInstanceType, "is required for HYBRID clusters");
        }

        CheckOverlaps(news, PrimaryRanges, Fail);
        // The DR VPC and secondary CIDRs default to the primary ones (Astro's rule; left out, they are Astro's to fill in).
        var drView = news;
        if (drOn && !news.Has(DrVpcSubnetRange.Name) && news.Has(VpcSubnetRange.Name)) drView = drView.With(DrVpcSubnetRange.Name, news[VpcSubnetRange.Name]);
        if (drOn && !news.Has(DrSecondaryVpcCidr.Name) && news.Has(SecondaryVpcCidr.Name)) drView = drView.With(DrSecondaryVpcCidr.Name, news[SecondaryVpcCidr.Name]);
        CheckOverlaps(drView, DrRanges, Fail);
        news = CheckNodePools(news, Fail);
        CheckUnique(news, K8sTags, v => v.Unwrapped.Kind == PropertyKind.Object && v.Unwrapped.AsObject["key"].Unwrapped is { Kind: PropertyKind.String } k ? k.AsString : null, "key", Fail);
        CheckUnique(news, WorkspaceIds, v => v.Unwrapped is { Kind: PropertyKind.String } s ? s.AsString : null, null, Fail);
        return news;
    }

    private static string? Known(PropertyMap map, Prop prop) =>
        map[prop.Name].Unwrapped is { Kind: PropertyKind.String } s ? s.AsString : null;

    /// <summary>No two ranges of a group may share an address; the later one is named, with the one it overlaps.</summary>
    private static void CheckOverlaps(PropertyMap news, Prop[] group, Action<string, string> fail)
    {
        var ranges = group.Select(p => (p.Name, Value: Known(news, p)))
            .Select(r => (r.Name, r.Value, Ok: r.Value is not null && Cidr.TryParse(r.Value, out _)))
            .Where(r => r.Ok)
            .ToList();
        for (var i = 0; i < ranges.Count; i++)
            for (var j = i + 1; j < ranges.Count; j++)
                if (Cidr.Overlaps(ranges[i].Value!, ranges[j].Value!))
                    fail(ranges[j].Name, $"{ranges[j].Value} overlaps {ranges[i].Name} {ranges[i].Value}; the cluster's ranges must not overlap");
    }

    /// <summary>Pool names unique and at most 63 characters, at most one default; the default filled in as Astro does (first pool).</summary>
    private static PropertyMap CheckNodePools(PropertyMap news, Action<string, string> fail)
    {
        var value = news[NodePools.Name];
        if (value.Unwrapped.Kind != PropertyKind.Array) return news;
        var pools = value.Unwrapped.AsArray;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var defaults = 0;
        for (var i = 0; i < pools.Count; i++)
        {
            if (pools[i].Unwrapped.Kind != PropertyKind.Object) continue;
            var pool = pools[i].Unwrapped.AsObject;
            if (pool["name"].Unwrapped is { Kind: PropertyKind.String } n)
            {
                if (n.AsString.Length is 0 or > 63) fail($"{NodePools.Name}[{i}].name", "must be 1 to 63 characters");
                else if (!names.Add(n.AsString)) fail($"{NodePools.Name}[{i}].name", $"\"{n.AsString}\" is used by another node pool; pool names must be unique");
            }
            if (pool["isDefault"].Unwrapped is { Kind: PropertyKind.Bool } d && d.AsBool && ++defaults > 1)
                fail($"{NodePools.Name}[{i}].isDefault", "at most one node pool can be the default");
        }
        if (value.ContainsUnknowns || pools.Any(p => p.Unwrapped.Kind != PropertyKind.Object)) return news;
        // Astro makes the first pool the default when none is (and the others not): say so here, so it is no diff later.
        var filled = pools.Select((p, i) =>
        {
            var pool = p.Unwrapped.AsObject;
            return pool.Has("isDefault") ? p : p.KeepSecrecy(PropertyValue.From(pool.With("isDefault", PropertyValue.From(defaults == 0 && i == 0))));
        }).ToList();
        return news.With(NodePools.Name, value.KeepSecrecy(PropertyValue.From(filled)));
    }

    private static void CheckUnique(PropertyMap news, Prop prop, Func<PropertyValue, string?> key, string? field, Action<string, string> fail)
    {
        if (news[prop.Name].Unwrapped is not { Kind: PropertyKind.Array } list) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.AsArray.Count; i++)
        {
            if (key(list.AsArray[i]) is not { } k) continue;
            var path = field is null ? $"{prop.Name}[{i}]" : $"{prop.Name}[{i}].{field}";
            if (k.Length == 0) fail(path, "must not be empty");
            else if (!seen.Add(k)) fail(path, $"\"{k}\" is listed twice");
        }
    }
}

/// <summary>IPv4 CIDR parsing and overlap, as the cluster ranges need them (§4.5).</summary>
public static class Cidr
{
    /// <summary>Parses <c>a.b.c.d/p</c> naming its network address (no host bits set).</summary>
    public static bool TryParse(string value, out (uint Network, int Prefix) cidr)
    {
        cidr = default;
        var slash = value.IndexOf('/');
        if (slash <= 0) return false;
        var address = value[..slash];
        if (address.Count(c => c == '.') != 3 || !IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork) return false;
        if (!int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 0 or > 32) return false;
        var bytes = ip.GetAddressBytes();
        var network = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        if ((network & ~Mask(prefix)) != 0) return false;
        cidr = (network, prefix);
        return true;
    }

    /// <summary>Why a string is not a CIDR, or null when it is one.</summary>
    public static string? Problem(string value)
    {
        if (TryParse(value, out _)) return null;
        var slash = value.IndexOf('/');
        if (slash > 0 && IPAddress.TryParse(value[..slash], out var ip) && ip.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix is >= 0 and <= 32)
        {
            var bytes = ip.GetAddressBytes();
            var network = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) & Mask(prefix);
            return $"\"{value}\" has host bits set; the network is {network >> 24}.{network >> 16 & 255}.{network >> 8 & 255}.{network & 255}/{prefix}";
        }
        return $"\"{value}\" is not an IPv4 CIDR such as 172.20.0.0/22";
    }

    /// <summary>True when the two ranges share at least one address: one contains the other.</summary>
    public static bool Overlaps(string a, string b)
    {
        if (!TryParse(a, out var x) || !TryParse(b, out var y)) return false;
        var mask = Mask(Math.Min(x.Prefix, y.Prefix));
        return (x.Network & mask) == (y.Network & mask);
    }

    private static uint Mask(int prefix) => prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
}
