using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Simulator.Tests;

// The typed client's organization-access calls, every one with every optional field and query parameter set, so the
// requests and answers the contract tests check cover the whole of each model type the client sends. Custom roles of
// scope DAG are left to the client's endpoint tests: astro-sim answers them scopeType DAG, which the model's
// RoleWithPermission enum lacks (ModelContractTests lists that deviation).
public sealed partial class ClientContractTests
{
    private async Task RunAccessWorkload(string deploymentId)
    {
        var ws = _sim.WorkspaceId;
        await _client.UpdateOrganizationAsync(new UpdateOrganizationRequest
        {
            Name = "Contract Org", BillingEmail = "billing@contract.example", IsScimEnabled = false,
            AllowEnhancedSupportAccess = true, HasAiFeaturesDisabled = true, ShouldEnforceDedicatedClusters = false,
        }, Ct);
        await _client.GetOrganizationAsync(false, Ct);

        await _client.ListPermissionGroupsAsync(null, Ct);
        await _client.ListPermissionGroupsAsync(RoleScopeType.Deployment, Ct);
        var role = await _client.CreateCustomRoleAsync(new CreateCustomRoleRequest
        {
            Name = "contract-viewer", ScopeType = RoleScopeType.Deployment, Permissions = ["deployment.get"], Description = "reads",
            RestrictedWorkspaceIds = [ws],
        }, Ct);
        await _client.GetCustomRoleAsync(role.Id, Ct);
        await _client.UpdateCustomRoleAsync(role.Id, new UpdateCustomRoleRequest
        {
            Name = "contract-viewer", Permissions = ["deployment.get", "deployment.deploys.get"], Description = "reads more", RestrictedWorkspaceIds = [ws],
        }, Ct);
        await _client.ListRolesAsync(new ListRolesQuery
        {
            IncludeDefaultRoles = true, ScopeTypes = [RoleScopeType.Deployment, RoleScopeType.Workspace], Limit = 5, Offset = 0, Sorts = ["name:asc"],
        }, Ct);
        await _client.ListAllRolesAsync(null, Ct);

        var memberRoles = new UpdateUserRolesRequest
        {
            OrganizationRole = OrganizationRole.Member,
            WorkspaceRoles = [new WorkspaceRole { WorkspaceId = ws, Role = WorkspaceRoleName.Member }],
            DeploymentRoles = [new DeploymentRole { DeploymentId = deploymentId, Role = "contract-viewer" }],
            DagRoles =
            [
                new DagRole { DeploymentId = deploymentId, DagId = "etl", Role = "DAG_VIEWER" },
                new DagRole { DeploymentId = deploymentId, DagTag = "finance", Role = "DAG_AUTHOR" },
            ],
        };
        await _client.ListUsersAsync(new ListUsersQuery
        {
            WorkspaceId = ws, DeploymentId = deploymentId, DagId = "etl", DagTags = ["finance"], Limit = 2, Offset = 0, Sorts = ["username:asc"],
        }, Ct);
        await _client.ListAllUsersAsync(new ListUsersQuery { Limit = 2 }, Ct);
        await _client.GetUserAsync(SeededUsers.OwnerId, Ct);
        await _client.UpdateUserRolesAsync(SeededUsers.MemberId, memberRoles, Ct);

        var team = await _client.CreateTeamAsync(new CreateTeamRequest
        {
            Name = "contract-team", Description = "the team", MemberIds = [SeededUsers.AuthorId], OrganizationRole = OrganizationRole.Member,
        }, Ct);
        await _client.GetTeamAsync(team.Id, Ct);
        await _client.UpdateTeamAsync(team.Id, new UpdateTeamRequest { Name = "contract-team", Description = "still the team" }, Ct);
        await _client.AddTeamMembersAsync(team.Id, new AddTeamMembersRequest { MemberIds = [SeededUsers.MemberId, SeededUsers.OwnerId] }, Ct);
        await _client.ListTeamMembersAsync(team.Id, new ListTeamMembersQuery { Limit = 1, Offset = 1, Sorts = ["username:desc"] }, Ct);
        await _client.ListAllTeamMembersAsync(team.Id, new ListTeamMembersQuery { Limit = 2 }, Ct);
        await _client.RemoveTeamMemberAsync(team.Id, SeededUsers.OwnerId, Ct);
        await _client.UpdateTeamRolesAsync(team.Id, new UpdateTeamRolesRequest
        {
            OrganizationRole = OrganizationRole.BillingAdmin,
            WorkspaceRoles = memberRoles.WorkspaceRoles, DeploymentRoles = memberRoles.DeploymentRoles, DagRoles = memberRoles.DagRoles,
        }, Ct);
        await _client.ListTeamsAsync(new ListTeamsQuery
        {
            Names = ["contract-team"], WorkspaceId = ws, DeploymentId = deploymentId, Limit = 1, Offset = 0, Sorts = ["name:desc"],
        }, Ct);
        await _client.ListAllTeamsAsync(null, Ct);
        await _client.ListUserTeamsAsync(SeededUsers.MemberId, new ListUserTeamsQuery { Limit = 1, Offset = 0, Sorts = ["name:asc"] }, Ct);
        await _client.ListAllUserTeamsAsync(SeededUsers.MemberId, null, Ct);

        var invite = await _client.CreateUserInviteAsync(new CreateUserInviteRequest { InviteeEmail = "invited@contract.example", Role = OrganizationRole.ObserveMember }, Ct);
        await _client.GetUserAsync(invite.Invitee.Id, Ct);
        await _client.DeleteUserInviteAsync(invite.InviteId, Ct);

        var own = await _client.CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = "127.0.0.0/8" }, Ct);
        var more = await _client.BulkCreateAllowedIpAddressRangesAsync(new BulkCreateAllowedIpAddressRangesRequest { AllowedIpAddressRanges = ["10.0.0.0/8", "2001:db8::/32"] }, Ct);
        await _client.ListAllowedIpAddressRangesAsync(new ListAllowedIpAddressRangesQuery { Limit = 2, Offset = 1, Sorts = ["ipAddress:asc"] }, Ct);
        await _client.ListAllAllowedIpAddressRangesAsync(new ListAllowedIpAddressRangesQuery { Limit = 2 }, Ct);
        await _client.BulkDeleteAllowedIpAddressRangesAsync(new BulkDeleteAllowedIpAddressRangesRequest
        {
            AllowedIpAddressRangeIds = [.. more.AllowedIpAddressRanges.Select(r => r.Id)],
        }, Ct);
        await _client.DeleteAllowedIpAddressRangeAsync(own.Id, Ct);

        await _client.UpdateUserRolesAsync(SeededUsers.MemberId, new UpdateUserRolesRequest { OrganizationRole = OrganizationRole.Member, DeploymentRoles = [], DagRoles = [] }, Ct);
        await _client.DeleteTeamAsync(team.Id, Ct);
        await _client.DeleteCustomRoleAsync(role.Id, Ct);
    }
}
