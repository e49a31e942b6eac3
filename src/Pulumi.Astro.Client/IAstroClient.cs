using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

/// <summary>
/// The Astro Platform API v1, one typed method per endpoint (API fact sheet §2), all in one organization.
/// Every method throws <see cref="AstroApiException"/> when Astro answers with an error (a missing object is a 404,
/// see <see cref="AstroApiException.IsNotFound"/>), <see cref="AstroOutcomeUnknownException"/> when a POST (a create or
/// an update, see <see cref="AstroClient"/>) may or may not have taken effect, <see cref="AstroTransportException"/> when Astro could not be reached, and
/// <see cref="OperationCanceledException"/> when the token is cancelled.
/// </summary>
public interface IAstroClient
{
    /// <summary>The organization every call is made in.</summary>
    string OrganizationId { get; }

    // Organization (§5.8)

    /// <summary>GET <c>/organizations/{org}</c>. With <paramref name="isLookUpOnly"/> Astro returns metadata only.</summary>
    Task<Organization> GetOrganizationAsync(bool isLookUpOnly, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations</c>: one page of the organizations the token can see.</summary>
    Task<OrganizationsPaginated> ListOrganizationsAsync(ListOrganizationsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<Organization>> ListAllOrganizationsAsync(ListOrganizationsQuery? query, CancellationToken cancellationToken);

    // Workspaces (§5.7)

    /// <summary>GET <c>/organizations/{org}/workspaces/{workspaceId}</c>.</summary>
    Task<Workspace> GetWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/workspaces</c>: one page.</summary>
    Task<WorkspacesPaginated> ListWorkspacesAsync(ListWorkspacesQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/workspaces</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<Workspace>> ListAllWorkspacesAsync(ListWorkspacesQuery? query, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/workspaces</c>.</summary>
    Task<Workspace> CreateWorkspaceAsync(CreateWorkspaceRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/workspaces/{workspaceId}</c>: replaces the settings; a default left out is cleared.</summary>
    Task<Workspace> UpdateWorkspaceAsync(string workspaceId, UpdateWorkspaceRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/workspaces/{workspaceId}</c>. A workspace that still has Deployments answers 400.</summary>
    Task DeleteWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    // Options (§5.9)

    /// <summary>GET <c>/organizations/{org}/cluster-options</c>: one entry per cloud provider.</summary>
    Task<IReadOnlyList<ClusterOptions>> GetClusterOptionsAsync(ClusterOptionsQuery query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployment-options</c>.</summary>
    Task<DeploymentOptions> GetDeploymentOptionsAsync(DeploymentOptionsQuery? query, CancellationToken cancellationToken);

    // Clusters (§4.5, §4.6, §5.1)

    /// <summary>GET <c>/organizations/{org}/clusters</c>: one page.</summary>
    Task<ClustersPaginated> ListClustersAsync(ListClustersQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/clusters</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<Cluster>> ListAllClustersAsync(ListClustersQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/clusters/{clusterId}</c>.</summary>
    Task<Cluster> GetClusterAsync(string clusterId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/clusters</c>. The cluster starts CREATING (§7.1).</summary>
    Task<Cluster> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/clusters/{clusterId}</c>.</summary>
    Task<Cluster> UpdateClusterAsync(string clusterId, UpdateClusterRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/clusters/{clusterId}</c>. Deletion goes on after the call returns (§7.1).</summary>
    Task DeleteClusterAsync(string clusterId, CancellationToken cancellationToken);

    // Deployments (§4.1, §4.2, §5.3)

    /// <summary>GET <c>/organizations/{org}/deployments</c>: one page.</summary>
    Task<DeploymentsPaginated> ListDeploymentsAsync(ListDeploymentsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<Deployment>> ListAllDeploymentsAsync(ListDeploymentsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}</c>.</summary>
    Task<Deployment> GetDeploymentAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/deployments</c>. The deployment starts CREATING (§7.2).</summary>
    Task<Deployment> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/deployments/{deploymentId}</c>: replaces the whole configuration (§8.2).</summary>
    Task<Deployment> UpdateDeploymentAsync(string deploymentId, UpdateDeploymentRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/deployments/{deploymentId}</c>.</summary>
    Task DeleteDeploymentAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/deployments/{deploymentId}/hibernation-override</c> (development deployments).</summary>
    Task<DeploymentHibernationOverride> SetHibernationOverrideAsync(
        string deploymentId, OverrideDeploymentHibernationRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/deployments/{deploymentId}/hibernation-override</c>.</summary>
    Task DeleteHibernationOverrideAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}/logs</c>.</summary>
    Task<DeploymentLog> GetDeploymentLogsAsync(string deploymentId, DeploymentLogsQuery query, CancellationToken cancellationToken);

    // Environment objects (AstroClient.EnvironmentObjects.cs)

    /// <summary>GET <c>/organizations/{org}/environment-objects</c>: one page.</summary>
    Task<EnvironmentObjectsPaginated> ListEnvironmentObjectsAsync(ListEnvironmentObjectsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/environment-objects</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<EnvironmentObject>> ListAllEnvironmentObjectsAsync(ListEnvironmentObjectsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/environment-objects/{environmentObjectId}</c>. Secret values are never answered.</summary>
    Task<EnvironmentObject> GetEnvironmentObjectAsync(string environmentObjectId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/environment-objects</c>; answers the new object's id alone.</summary>
    Task<CreateEnvironmentObjectResult> CreateEnvironmentObjectAsync(CreateEnvironmentObjectRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// POST <c>/organizations/{org}/environment-objects/{environmentObjectId}</c>: the typed field's fields it sends change,
    /// the links, exclusions and auto-linking it sends replace (see <see cref="UpdateEnvironmentObjectRequest"/>).
    /// </summary>
    Task<EnvironmentObject> UpdateEnvironmentObjectAsync(string environmentObjectId, UpdateEnvironmentObjectRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/environment-objects/{environmentObjectId}</c>.</summary>
    Task DeleteEnvironmentObjectAsync(string environmentObjectId, CancellationToken cancellationToken);

    /// <summary>POST <c>…/environment-objects/{environmentObjectId}/exclude-linking</c>: leaves one Deployment out of an auto-linked workspace object.</summary>
    Task ExcludeEnvironmentObjectLinkAsync(string environmentObjectId, ExcludeLinkEnvironmentObjectRequest request, CancellationToken cancellationToken);

    // API tokens and agent tokens (AstroClient.Tokens.cs)

    /// <summary>GET <c>/organizations/{org}/tokens</c>: one page (without values).</summary>
    Task<ApiTokensPaginated> ListApiTokensAsync(ListApiTokensQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/tokens</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<ApiToken>> ListAllApiTokensAsync(ListApiTokensQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/tokens/{tokenId}</c> (without the value).</summary>
    Task<ApiToken> GetApiTokenAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/tokens</c>; the answer carries the value, which cannot be read again.</summary>
    Task<ApiToken> CreateApiTokenAsync(CreateApiTokenRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/tokens/{tokenId}</c>: the name and description.</summary>
    Task<ApiToken> UpdateApiTokenAsync(string tokenId, UpdateApiTokenRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/tokens/{tokenId}/roles</c>: replaces the token's roles.</summary>
    Task<SubjectRoles> UpdateApiTokenRolesAsync(string tokenId, UpdateApiTokenRolesRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// POST <c>/organizations/{org}/tokens/{tokenId}/rotate</c>: a new value, in the answer only; the old one stops working.
    /// A lost answer throws <see cref="AstroOutcomeUnknownException"/>: the token may have been rotated.
    /// </summary>
    Task<ApiToken> RotateApiTokenAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/tokens/{tokenId}</c>.</summary>
    Task DeleteApiTokenAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}/agent-tokens</c>: one page (without values).</summary>
    Task<ApiTokensPaginated> ListAgentTokensAsync(string deploymentId, ListAgentTokensQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}/agent-tokens</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<ApiToken>> ListAllAgentTokensAsync(string deploymentId, ListAgentTokensQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>…/deployments/{deploymentId}/agent-tokens/{agentTokenId}</c> (without the value).</summary>
    Task<ApiToken> GetAgentTokenAsync(string deploymentId, string agentTokenId, CancellationToken cancellationToken);

    /// <summary>POST <c>…/deployments/{deploymentId}/agent-tokens</c> (remote-execution Deployments); the answer carries the value.</summary>
    Task<ApiToken> CreateAgentTokenAsync(string deploymentId, CreateAgentTokenRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>…/deployments/{deploymentId}/agent-tokens/{agentTokenId}</c>.</summary>
    Task DeleteAgentTokenAsync(string deploymentId, string agentTokenId, CancellationToken cancellationToken);

    // Deploys (§4.7, §5.6, §7.4)

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}/deploys</c>: one page.</summary>
    Task<DeploysPaginated> ListDeploysAsync(string deploymentId, ListDeploysQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}/deploys</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<Deploy>> ListAllDeploysAsync(string deploymentId, ListDeploysQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/deployments/{deploymentId}/deploys/{deployId}</c>.</summary>
    Task<Deploy> GetDeployAsync(string deploymentId, string deployId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/deployments/{deploymentId}/deploys</c>: step 1 of a deploy (§7.4).</summary>
    Task<Deploy> CreateDeployAsync(string deploymentId, CreateDeployRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/deployments/{deploymentId}/deploys/{deployId}</c>: changes the description.</summary>
    Task<Deploy> UpdateDeployAsync(string deploymentId, string deployId, UpdateDeployRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>…/deploys/{deployId}/finalize</c>: the last step of a deploy (§7.4).</summary>
    Task<Deploy> FinalizeDeployAsync(string deploymentId, string deployId, FinalizeDeployRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>…/deploys/{deployId}/rollback</c>: deploys that earlier deploy's code again.</summary>
    Task<Deploy> RollbackDeployAsync(string deploymentId, string deployId, DeployRollbackRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// PUTs a DAG tarball to a deploy's <see cref="Deploy.DagsUploadUrl"/> as an Azure block blob, and returns the
    /// blob's version id (the <c>x-ms-version-id</c> response header) to pass to <see cref="FinalizeDeployAsync"/> as
    /// <see cref="FinalizeDeployRequest.DagTarballVersion"/> (§7.4). The stream is read from its current position and
    /// left open.
    /// </summary>
    Task<string> UploadDagTarballAsync(string uploadUrl, Stream tarball, CancellationToken cancellationToken);

    // The Deployment's image registry (OCI Distribution API v2; §5.3 imageRepository, §7.4 step 2)

    /// <summary>
    /// Whether <paramref name="tag"/> exists in <paramref name="imageRepository"/> (<c>host[:port]/path</c>, e.g. a
    /// Deployment's <see cref="Deployment.ImageRepository"/>): a HEAD of the tag's manifest. The registry is logged in to
    /// as the CLI does (user <c>cli</c>, password the API token), following a Bearer token challenge if it answers one.
    /// </summary>
    Task<bool> ImageTagExistsAsync(string imageRepository, string tag, CancellationToken cancellationToken);

    /// <summary>
    /// Tags the image <paramref name="imageRepository"/>:<paramref name="sourceTag"/> also as <paramref name="targetTag"/>:
    /// GETs the source manifest and PUTs the same bytes with the same media type under the target tag. Layers and configs
    /// are blobs of the same repository, so none is copied. Returns the manifest digest (<c>sha256:…</c>). A missing
    /// source tag throws <see cref="AstroApiException"/> with <see cref="AstroApiException.IsNotFound"/>.
    /// </summary>
    Task<string> RetagImageAsync(string imageRepository, string sourceTag, string targetTag, CancellationToken cancellationToken);

    // Organization access: the organization update, teams, roles, users, invites, the IP access list (AstroClient.Access.cs)

    /// <summary>
    /// POST <c>/organizations/{org}</c>: changes the organization's settings. Name, billing e-mail and SCIM are required;
    /// an optional setting left null keeps its value. Answers the whole organization.
    /// </summary>
    Task<Organization> UpdateOrganizationAsync(UpdateOrganizationRequest request, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/teams</c>: one page.</summary>
    Task<TeamsPaginated> ListTeamsAsync(ListTeamsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/teams</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<Team>> ListAllTeamsAsync(ListTeamsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/teams/{teamId}</c>.</summary>
    Task<Team> GetTeamAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/teams</c>. A name already taken is a 409.</summary>
    Task<Team> CreateTeamAsync(CreateTeamRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/teams/{teamId}</c>: name and description.</summary>
    Task<Team> UpdateTeamAsync(string teamId, UpdateTeamRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/teams/{teamId}</c>.</summary>
    Task DeleteTeamAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/teams/{teamId}/members</c>: one page.</summary>
    Task<TeamMembersPaginated> ListTeamMembersAsync(string teamId, ListTeamMembersQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/teams/{teamId}/members</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<TeamMember>> ListAllTeamMembersAsync(string teamId, ListTeamMembersQuery? query, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/teams/{teamId}/members</c>: adds users to the team (204).</summary>
    Task AddTeamMembersAsync(string teamId, AddTeamMembersRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/teams/{teamId}/members/{userId}</c>: a user who is not a member is a 404.</summary>
    Task RemoveTeamMemberAsync(string teamId, string userId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/teams/{teamId}/roles</c>: the team's organization role and the role lists given.</summary>
    Task<SubjectRoles> UpdateTeamRolesAsync(string teamId, UpdateTeamRolesRequest request, CancellationToken cancellationToken);

    /// <summary>GET <c>/authorization/permission-groups</c>: the permissions a custom role of a scope may take (all scopes when null).</summary>
    Task<IReadOnlyList<PermissionGroup>> ListPermissionGroupsAsync(RoleScopeType? scopeType, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/roles</c>: one page of custom roles, with the built-in roles when the query asks.</summary>
    Task<RolesPaginated> ListRolesAsync(ListRolesQuery? query, CancellationToken cancellationToken);

    /// <summary>
    /// GET <c>/organizations/{org}/roles</c>, every page of custom roles from the query's offset on. The built-in roles are
    /// not paged: <see cref="ListRolesAsync"/> with <see cref="ListRolesQuery.IncludeDefaultRoles"/> answers them.
    /// </summary>
    Task<IReadOnlyList<Role>> ListAllRolesAsync(ListRolesQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/roles/{roleId}</c>: a custom role with its permissions.</summary>
    Task<RoleWithPermission> GetCustomRoleAsync(string roleId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/roles</c>. A name already taken (also by a built-in role) is a 409.</summary>
    Task<RoleWithPermission> CreateCustomRoleAsync(CreateCustomRoleRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/roles/{roleId}</c>.</summary>
    Task<RoleWithPermission> UpdateCustomRoleAsync(string roleId, UpdateCustomRoleRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/roles/{roleId}</c>.</summary>
    Task DeleteCustomRoleAsync(string roleId, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/users</c>: one page.</summary>
    Task<UsersPaginated> ListUsersAsync(ListUsersQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/users</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<User>> ListAllUsersAsync(ListUsersQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/users/{userId}</c>.</summary>
    Task<User> GetUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/users/{userId}/roles</c>: the user's organization role and the role lists given.</summary>
    Task<SubjectRoles> UpdateUserRolesAsync(string userId, UpdateUserRolesRequest request, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/users/{userId}/teams</c>: one page of the user's teams.</summary>
    Task<UserTeamsPaginated> ListUserTeamsAsync(string userId, ListUserTeamsQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/users/{userId}/teams</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<UserTeamMembership>> ListAllUserTeamsAsync(string userId, ListUserTeamsQuery? query, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/invites</c>: invites an e-mail address; an address already a member or invited is a 409.</summary>
    Task<Invite> CreateUserInviteAsync(CreateUserInviteRequest request, CancellationToken cancellationToken);

    /// <summary>DELETE <c>/organizations/{org}/invites/{inviteId}</c>: withdraws a pending invite.</summary>
    Task DeleteUserInviteAsync(string inviteId, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/allowed-ip-address-ranges</c>: one page.</summary>
    Task<AllowedIpAddressRangesPaginated> ListAllowedIpAddressRangesAsync(ListAllowedIpAddressRangesQuery? query, CancellationToken cancellationToken);

    /// <summary>GET <c>/organizations/{org}/allowed-ip-address-ranges</c>, every page from the query's offset on.</summary>
    Task<IReadOnlyList<AllowedIpAddressRange>> ListAllAllowedIpAddressRangesAsync(ListAllowedIpAddressRangesQuery? query, CancellationToken cancellationToken);

    /// <summary>
    /// POST <c>/organizations/{org}/allowed-ip-address-ranges</c>. A range already allowed is a 409; the first range of an
    /// empty list must cover the caller's address (a 400 otherwise).
    /// </summary>
    Task<AllowedIpAddressRange> CreateAllowedIpAddressRangeAsync(CreateAllowedIpAddressRangeRequest request, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/allowed-ip-address-ranges/bulk-create</c>: all the ranges, or none (409).</summary>
    Task<AllowedIpAddressRangesList> BulkCreateAllowedIpAddressRangesAsync(BulkCreateAllowedIpAddressRangesRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// DELETE <c>/organizations/{org}/allowed-ip-address-ranges/{id}</c>. Astro does not stop a caller from removing the
    /// range that covers its own address, which locks it out of the API.
    /// </summary>
    Task DeleteAllowedIpAddressRangeAsync(string allowedIpAddressRangeId, CancellationToken cancellationToken);

    /// <summary>POST <c>/organizations/{org}/allowed-ip-address-ranges/bulk-delete</c> (204).</summary>
    Task BulkDeleteAllowedIpAddressRangesAsync(BulkDeleteAllowedIpAddressRangesRequest request, CancellationToken cancellationToken);
}
