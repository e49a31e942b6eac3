using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Deploys and the DAG tarball upload (API fact sheet §2, §4.7, §5.6, §7.4).
public sealed partial class AstroClient
{
    // The storage service version sent with the upload; Put Blob with x-ms-blob-type has been stable across versions.
    private const string AzureStorageVersion = "2023-11-03";

    /// <inheritdoc/>
    public Task<DeploysPaginated> ListDeploysAsync(string deploymentId, ListDeploysQuery? query, CancellationToken cancellationToken) =>
        GetAsync<DeploysPaginated>(DeploysPath(deploymentId), PageOnly(query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Deploy>> ListAllDeploysAsync(string deploymentId, ListDeploysQuery? query, CancellationToken cancellationToken)
    {
        var path = DeploysPath(deploymentId);
        return ListAllAsync<DeploysPaginated, Deploy>(query, (offset, limit) =>
            GetAsync<DeploysPaginated>(path, PageOnly(offset, limit), cancellationToken), cancellationToken);
    }

    // Deploys take only offset and limit: no filters, no sorts (§1.3).
    private static QueryString PageOnly(int? offset, int? limit) => new QueryString().Add("offset", offset).Add("limit", limit);

    private string DeploysPath(string deploymentId) =>
        OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "deploys");

    private string DeployPath(string deploymentId, string deployId, string? action = null) => action is null
        ? OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "deploys", Id(deployId, nameof(deployId)))
        : OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "deploys", Id(deployId, nameof(deployId)), action);

    /// <inheritdoc/>
    public Task<Deploy> GetDeployAsync(string deploymentId, string deployId, CancellationToken cancellationToken) =>
        GetAsync<Deploy>(DeployPath(deploymentId, deployId), null, cancellationToken);

    /// <inheritdoc/>
    public Task<Deploy> CreateDeployAsync(string deploymentId, CreateDeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Deploy>(DeploysPath(deploymentId), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Deploy> UpdateDeployAsync(string deploymentId, string deployId, UpdateDeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Deploy>(DeployPath(deploymentId, deployId), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Deploy> FinalizeDeployAsync(string deploymentId, string deployId, FinalizeDeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<Deploy>(DeployPath(deploymentId, deployId, "finalize"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Deploy> RollbackDeployAsync(string deploymentId, string deployId, DeployRollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<Deploy>(DeployPath(deploymentId, deployId, "rollback"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<string> UploadDagTarballAsync(string uploadUrl, Stream tarball, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadUrl);
        ArgumentNullException.ThrowIfNull(tarball);
        // The URL is pre-signed: its query is a credential, so no message quotes it.
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("The DAG upload URL is not an absolute http(s) URL.", nameof(uploadUrl));
        AstroClientOptions.RequireSecureTransport(uri, "DAG upload URL");

        var body = await UploadBody.CreateAsync(tarball, cancellationToken).ConfigureAwait(false);
        // Azure Blob storage's Put Blob (what the CLI's azblob upload does, §7.4). The Astro token is not sent: the
        // URL's signature authorises the write, and the blob store is not Astro.
        var request = new AttemptRequest(
            HttpMethod.Put,
            Url: uploadUrl,
            DisplayPath: uri.AbsolutePath,
            Headers:
            [
                new("User-Agent", _userAgent),
                new("x-ms-blob-type", "BlockBlob"),
                new("x-ms-version", AzureStorageVersion),
            ],
            Content: body.CreateContent,
            // Put Blob replaces the blob, so repeating it is safe.
            RequestKind.Idempotent);
        using var response = await SendWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
        // The blob's version id becomes the deploy's dagTarballVersion at finalize (§7.4).
        if (response.Headers.TryGetValues("x-ms-version-id", out var versions) && versions.FirstOrDefault() is { Length: > 0 } version)
            return version;
        throw new AstroException("PUT", uri.AbsolutePath,
            $"PUT {uri.AbsolutePath}: {(int)response.StatusCode} without an x-ms-version-id header; the storage account must have blob versioning on");
    }
}
