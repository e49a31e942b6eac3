using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// API tokens and a Deployment's agent tokens (the API's CreateApiToken, GetApiToken, ListApiTokens, UpdateApiToken,
// UpdateApiTokenRoles, RotateApiToken, DeleteApiToken; CreateAgentToken, GetAgentToken, ListAgentTokens,
// DeleteAgentToken). A token's value is in the create and rotate answers only, so both are sent as creates: never
// repeated when the answer may have been lost (see the class remarks).
public sealed partial class AstroClient
{
    /// <inheritdoc/>
    public Task<ApiTokensPaginated> ListApiTokensAsync(ListApiTokensQuery? query, CancellationToken cancellationToken) =>
        GetAsync<ApiTokensPaginated>(OrgPath("tokens"), ApiTokensQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApiToken>> ListAllApiTokensAsync(ListApiTokensQuery? query, CancellationToken cancellationToken) =>
        ListAllAsync<ApiTokensPaginated, ApiToken>(query, (offset, limit) =>
            GetAsync<ApiTokensPaginated>(OrgPath("tokens"), ApiTokensQuery(query, offset, limit), cancellationToken), cancellationToken);

    private static QueryString ApiTokensQuery(ListApiTokensQuery? query, int? offset, int? limit) =>
        new QueryString()
            .Add("offset", offset)
            .Add("limit", limit)
            .Add("workspaceId", query?.WorkspaceId)
            .Add("deploymentId", query?.DeploymentId)
            .Add("dagId", query?.DagId)
            .AddEach("dagTags", query?.DagTags)
            .Add("includeOnlyOrganizationTokens", query?.IncludeOnlyOrganizationTokens)
            .Add("kind", query?.Kind?.Value)
            .AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<ApiToken> GetApiTokenAsync(string tokenId, CancellationToken cancellationToken) =>
        GetAsync<ApiToken>(TokenPath(tokenId), null, cancellationToken);

    /// <inheritdoc/>
    public Task<ApiToken> CreateApiTokenAsync(CreateApiTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<ApiToken>(OrgPath("tokens"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ApiToken> UpdateApiTokenAsync(string tokenId, UpdateApiTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<ApiToken>(TokenPath(tokenId), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SubjectRoles> UpdateApiTokenRolesAsync(string tokenId, UpdateApiTokenRolesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostUpdateAsync<SubjectRoles>(TokenPath(tokenId, "roles"), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ApiToken> RotateApiTokenAsync(string tokenId, CancellationToken cancellationToken) =>
        // No body (the API's RotateApiToken has none). Each send issues a new value that only its answer carries.
        SendJsonAsync<ApiToken>(HttpMethod.Post, TokenPath(tokenId, "rotate"), query: null, body: null, RequestKind.Create, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteApiTokenAsync(string tokenId, CancellationToken cancellationToken) =>
        DeleteAsync(TokenPath(tokenId), cancellationToken);

    private string TokenPath(string tokenId, string? action = null) => action is null
        ? OrgPath("tokens", Id(tokenId, nameof(tokenId)))
        : OrgPath("tokens", Id(tokenId, nameof(tokenId)), action);

    /// <inheritdoc/>
    public Task<ApiTokensPaginated> ListAgentTokensAsync(string deploymentId, ListAgentTokensQuery? query, CancellationToken cancellationToken) =>
        GetAsync<ApiTokensPaginated>(AgentTokensPath(deploymentId), AgentTokensQuery(query, query?.Offset, query?.Limit), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApiToken>> ListAllAgentTokensAsync(string deploymentId, ListAgentTokensQuery? query, CancellationToken cancellationToken)
    {
        var path = AgentTokensPath(deploymentId);
        return ListAllAsync<ApiTokensPaginated, ApiToken>(query, (offset, limit) =>
            GetAsync<ApiTokensPaginated>(path, AgentTokensQuery(query, offset, limit), cancellationToken), cancellationToken);
    }

    private static QueryString AgentTokensQuery(ListAgentTokensQuery? query, int? offset, int? limit) =>
        new QueryString().Add("offset", offset).Add("limit", limit).AddEach("sorts", query?.Sorts);

    /// <inheritdoc/>
    public Task<ApiToken> GetAgentTokenAsync(string deploymentId, string agentTokenId, CancellationToken cancellationToken) =>
        GetAsync<ApiToken>(AgentTokenPath(deploymentId, agentTokenId), null, cancellationToken);

    /// <inheritdoc/>
    public Task<ApiToken> CreateAgentTokenAsync(string deploymentId, CreateAgentTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostCreateAsync<ApiToken>(AgentTokensPath(deploymentId), request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteAgentTokenAsync(string deploymentId, string agentTokenId, CancellationToken cancellationToken) =>
        DeleteAsync(AgentTokenPath(deploymentId, agentTokenId), cancellationToken);

    private string AgentTokensPath(string deploymentId) => OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "agent-tokens");

    private string AgentTokenPath(string deploymentId, string agentTokenId) =>
        OrgPath("deployments", Id(deploymentId, nameof(deploymentId)), "agent-tokens", Id(agentTokenId, nameof(agentTokenId)));
}
