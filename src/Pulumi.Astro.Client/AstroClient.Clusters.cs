using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Clusters (API fact sheet §2, §4.5, §4.6, §5.1).
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<ClustersPaginated> ListClustersAsync(ListClustersQuery? query, CancellationToken cancellationToken) =>
        GetAsync<ClustersPaginated>(OrgPath("clusters"), ClustersQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Cluster>> ListAllClustersAsync(ListClustersQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<ClustersPaginated, Cluster>(query, (offset, limit) =>
            GetAsync<ClustersPaginated>(OrgPath("clusters"), ClustersQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString ClustersQuery(ListClustersQuery? query, int? offset, int? limit) =>
        new QueryString()
            .Add("offset", offset)
            .Add("limit", limit)
            .AddEach("names", query?.Names)
            .Add("provider", query?.Provider?.Value)
            .AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<Cluster> GetClusterAsync(string clusterId, CancellationToken cancellationToken) =>
        GetAsync<Cluster>(OrgPath("clusters", Id(clusterId, nameof(clusterId))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<Cluster> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Cluster>(OrgPath("clusters"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Cluster> UpdateClusterAsync(string clusterId, UpdateClusterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Cluster>(OrgPath("clusters", Id(clusterId, nameof(clusterId))), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteClusterAsync(string clusterId, CancellationToken cancellationToken) =>
        DeleteAsync(OrgPath("clusters", Id(clusterId, nameof(clusterId))), cancellationToken);
}
