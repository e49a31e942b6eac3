using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// One range of the organization's IP access list. While the list is empty the API takes requests from every address;
/// once it has a range, only from addresses in a range. Astro stores the canonical network of the CIDR it was given.
/// </summary>
public sealed class AllowedIpAddressRange
{
    /// <summary>The range's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>The CIDR, e.g. <c>203.0.113.0/24</c>.</summary>
    [JsonProperty("ipAddressRange")] public string IpAddressRange { get; init; } = "";

    /// <summary>The organization id.</summary>
    [JsonProperty("organizationId")] public string OrganizationId { get; init; } = "";

    /// <summary>When it was created.</summary>
    [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who created it.</summary>
    [JsonProperty("createdBy")] public BasicSubjectProfile? CreatedBy { get; init; }

    /// <summary>Who last changed it.</summary>
    [JsonProperty("updatedBy")] public BasicSubjectProfile? UpdatedBy { get; init; }
}

/// <summary>One page of allowed IP address ranges.</summary>
public sealed class AllowedIpAddressRangesPaginated : IPage<AllowedIpAddressRange>
{
    /// <summary>The ranges on this page.</summary>
    [JsonProperty("allowedIpAddressRanges")] public IReadOnlyList<AllowedIpAddressRange> AllowedIpAddressRanges { get; init; } = [];

    /// <summary>The limit the server applied.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first item.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>How many ranges there are in all.</summary>
    [JsonProperty("totalCount")] public int TotalCount { get; init; }

    IReadOnlyList<AllowedIpAddressRange> IPage<AllowedIpAddressRange>.Items => AllowedIpAddressRanges;
}

/// <summary>The ranges a bulk create made.</summary>
public sealed class AllowedIpAddressRangesList
{
    /// <summary>The ranges, in the order they were sent.</summary>
    [JsonProperty("allowedIpAddressRanges")] public IReadOnlyList<AllowedIpAddressRange> AllowedIpAddressRanges { get; init; } = [];
}

/// <summary>Paging of <see cref="IAstroClient.ListAllowedIpAddressRangesAsync"/>.</summary>
public sealed class ListAllowedIpAddressRangesQuery : PageQuery
{
    /// <summary>Sort keys such as <c>ipAddress:asc</c> or <c>createdAt:desc</c>, sent as repeated <c>sorts</c> parameters.</summary>
    public IReadOnlyList<string>? Sorts { get; init; }
}

/// <summary>The body of a range create.</summary>
public sealed class CreateAllowedIpAddressRangeRequest
{
    /// <summary>The CIDR to allow. The first range of an empty list must cover the caller's own address.</summary>
    [JsonProperty("ipAddressRange")] public required string IpAddressRange { get; init; }
}

/// <summary>The body of a bulk create: all the ranges are made, or none.</summary>
public sealed class BulkCreateAllowedIpAddressRangesRequest
{
    /// <summary>The CIDRs to allow.</summary>
    [JsonProperty("allowedIpAddressRanges")] public required IReadOnlyList<string> AllowedIpAddressRanges { get; init; }
}

/// <summary>The body of a bulk delete.</summary>
public sealed class BulkDeleteAllowedIpAddressRangesRequest
{
    /// <summary>The ids of the ranges to remove.</summary>
    [JsonProperty("allowedIpAddressRangeIds")] public required IReadOnlyList<string> AllowedIpAddressRangeIds { get; init; }
}
