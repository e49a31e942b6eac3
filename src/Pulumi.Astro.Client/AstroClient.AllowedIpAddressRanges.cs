using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// The organization's IP access list. Retry classes are listed in AstroClient.Access.cs.
public sealed partial class AstroClient
{
    private string RangesPath(params ReadOnlySpan<string> segments) => OrgPath(["allowed-ip-address-ranges", .. segments]);

    /// <inheritdoc/>
    public Task<AllowedIpAddressRangesPaginated> ListAllowedIpAddressRangesAsync(ListAllowedIpAddressRangesQuery? query, CancellationToken cancellationToken) =>
        GetAsync<AllowedIpAddressRangesPaginated>(RangesPath(), PageQueryString(query?.Offset, query?.Limit, query?.Sorts), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AllowedIpAddressRange>> ListAllAllowedIpAddressRangesAsync(ListAllowedIpAddressRangesQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<AllowedIpAddressRangesPaginated, AllowedIpAddressRange>(query, (offset, limit) =>
            GetAsync<AllowedIpAddressRangesPaginated>(RangesPath(), PageQueryString(offset, limit, query?.Sorts), cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<AllowedIpAddressRange> CreateAllowedIpAddressRangeAsync(CreateAllowedIpAddressRangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<AllowedIpAddressRange>(RangesPath(), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AllowedIpAddressRangesList> BulkCreateAllowedIpAddressRangesAsync(BulkCreateAllowedIpAddressRangesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<AllowedIpAddressRangesList>(RangesPath("bulk-create"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteAllowedIpAddressRangeAsync(string allowedIpAddressRangeId, CancellationToken cancellationToken) =>
        DeleteAsync(RangesPath(Id(allowedIpAddressRangeId, nameof(allowedIpAddressRangeId))), cancellationToken);

    /// <inheritdoc/>
    public Task BulkDeleteAllowedIpAddressRangesAsync(BulkDeleteAllowedIpAddressRangesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateWithoutAnswerAsync(RangesPath("bulk-delete"), request, cancellationToken);
    }
}
