using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// Environment objects (the API's CreateEnvironmentObject, GetEnvironmentObject, ListEnvironmentObjects,
// UpdateEnvironmentObject, DeleteEnvironmentObject, ExcludeLinkingEnvironmentObject). A create or update redacts the
// secret values it sends from every message it builds, as an Astro error may echo them.
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<EnvironmentObjectsPaginated> ListEnvironmentObjectsAsync(ListEnvironmentObjectsQuery? query, CancellationToken cancellationToken) =>
        GetAsync<EnvironmentObjectsPaginated>(OrgPath("environment-objects"), EnvironmentObjectsQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<EnvironmentObject>> ListAllEnvironmentObjectsAsync(ListEnvironmentObjectsQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<EnvironmentObjectsPaginated, EnvironmentObject>(query, (offset, limit) =>
            GetAsync<EnvironmentObjectsPaginated>(OrgPath("environment-objects"), EnvironmentObjectsQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString EnvironmentObjectsQuery(ListEnvironmentObjectsQuery? query, int? offset, int? limit) =>
        new QueryString()
            .Add("offset", offset)
            .Add("limit", limit)
            .Add("workspaceId", query?.WorkspaceId)
            .Add("deploymentId", query?.DeploymentId)
            .Add("objectType", query?.ObjectType?.Value)
            .Add("objectKey", query?.ObjectKey)
            .Add("showSecrets", query?.ShowSecrets)
            .Add("resolveLinked", query?.ResolveLinked)
            .AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<EnvironmentObject> GetEnvironmentObjectAsync(string environmentObjectId, CancellationToken cancellationToken) =>
        GetAsync<EnvironmentObject>(EnvironmentObjectPath(environmentObjectId), null, cancellationToken);

    /// <inheritdoc/>
    public async Task<CreateEnvironmentObjectResult> CreateEnvironmentObjectAsync(CreateEnvironmentObjectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var secrets = AstroRedaction.Scope(SecretsOf(request));
        return await PostCreateAsync<CreateEnvironmentObjectResult>(OrgPath("environment-objects"), request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<EnvironmentObject> UpdateEnvironmentObjectAsync(
        string environmentObjectId, UpdateEnvironmentObjectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = EnvironmentObjectPath(environmentObjectId);
        using var secrets = AstroRedaction.Scope(SecretsOf(request));
        return await PostUpdateAsync<EnvironmentObject>(path, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task DeleteEnvironmentObjectAsync(string environmentObjectId, CancellationToken cancellationToken) =>
        DeleteAsync(EnvironmentObjectPath(environmentObjectId), cancellationToken);

    /// <inheritdoc/>
    public async Task ExcludeEnvironmentObjectLinkAsync(
        string environmentObjectId, ExcludeLinkEnvironmentObjectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Excluding an excluded Deployment again changes nothing, so this is an update, not a create.
        using var response = await SendAsync(HttpMethod.Post, EnvironmentObjectPath(environmentObjectId, "exclude-linking"), query: null, request,
            RequestKind.Update, cancellationToken).ConfigureAwait(false);
    }

    private string EnvironmentObjectPath(string environmentObjectId, string? action = null) => action is null
        ? OrgPath("environment-objects", Id(environmentObjectId, nameof(environmentObjectId)))
        : OrgPath("environment-objects", Id(environmentObjectId, nameof(environmentObjectId)), action);

    /// <summary>
    /// The secret values a create sends: passwords, tokens, secret variables' values and their overrides' values.
    /// </summary>
    private static IEnumerable<string?> SecretsOf(CreateEnvironmentObjectRequest request)
    {
        var secretVariable = request.AirflowVariable?.IsSecret == true || request.EnvironmentVariable?.IsSecret == true;
        if (secretVariable)
        {
            yield return request.AirflowVariable?.Value;
            yield return request.EnvironmentVariable?.Value;
        }
        foreach (var value in SecretsOf(request.Connection, request.MetricsExport)) yield return value;
        foreach (var link in request.Links ?? [])
            foreach (var value in SecretsOf(link.Overrides, secretVariable)) yield return value;
    }

    /// <summary>
    /// The secret values an update sends. An update does not say whether a variable is secret, so every variable value it
    /// sends is treated as one.
    /// </summary>
    private static IEnumerable<string?> SecretsOf(UpdateEnvironmentObjectRequest request)
    {
        yield return request.AirflowVariable?.Value;
        yield return request.EnvironmentVariable?.Value;
        foreach (var value in SecretsOf(request.Connection, request.MetricsExport)) yield return value;
        foreach (var link in request.Links ?? [])
            foreach (var value in SecretsOf(link.Overrides, variables: true)) yield return value;
    }

    private static IEnumerable<string?> SecretsOf(EnvironmentObjectConnectionRequest? connection, EnvironmentObjectMetricsExportFields? metrics) =>
        [connection?.Password, metrics?.Password, metrics?.BasicToken];

    private static IEnumerable<string?> SecretsOf(EnvironmentObjectOverridesFields? overrides, bool variables) =>
    [
        overrides?.Connection?.Password, overrides?.MetricsExport?.Password, overrides?.MetricsExport?.BasicToken,
        variables ? overrides?.AirflowVariable?.Value : null, variables ? overrides?.EnvironmentVariable?.Value : null,
    ];
}
