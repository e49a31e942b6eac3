using static Pulumi.Astro.Simulator.Validation.F;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>
/// The request types of the organization-access endpoints (teams, roles, users, invites, allowed IP address ranges, the
/// organization), as tables with the model's field names and required fields. The length bounds are astro-sim's (Astro's
/// reference gives none). Rules that need the organization's state (does the workspace exist, is the name taken, is the
/// permission one the API lists) live in the endpoint handlers.
/// </summary>
internal static class AccessSpecs
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;

    /// <summary>Member and id lists are bounded as the bulk endpoints are (1000 per request).</summary>
    public const int MaxListLength = 1000;

    public static readonly ObjectSpec WorkspaceRole = new("WorkspaceRole",
        [Str("workspaceId").Req(), Str("role").Req().OneOf(RoleCatalog.WorkspaceRoles)]);

    public static readonly ObjectSpec DeploymentRole = new("DeploymentRole", [Str("deploymentId").Req(), Str("role").Req()]);

    public static readonly ObjectSpec DagRole = new("DagRole", [Str("deploymentId").Req(), Str("role").Req(), Str("dagId"), Str("dagTag")]);

    private static readonly FieldSpec[] ScopedRoles =
    [
        ObjArr("workspaceRoles", WorkspaceRole).Count(0, MaxListLength),
        ObjArr("deploymentRoles", DeploymentRole).Count(0, MaxListLength),
        ObjArr("dagRoles", DagRole).Count(0, MaxListLength),
    ];

    // The organization role of a subject's roles is a plain string in the model; its values are checked by the handler,
    // so that an unknown one is reported like an unknown Deployment role.
    public static readonly ObjectSpec UpdateTeamRoles = new("UpdateTeamRolesRequest", [Str("organizationRole").Req(), .. ScopedRoles]);

    public static readonly ObjectSpec UpdateUserRoles = new("UpdateUserRolesRequest", [Str("organizationRole"), .. ScopedRoles]);

    public static readonly ObjectSpec CreateTeam = new("CreateTeamRequest",
    [
        Str("name").Req().Len(MaxNameLength),
        Str("description").Len(MaxDescriptionLength),
        StrArr("memberIds").Count(0, MaxListLength),
        Str("organizationRole").OneOf(RoleCatalog.OrganizationRoles),
    ]);

    public static readonly ObjectSpec UpdateTeam = new("UpdateTeamRequest",
        [Str("name").Req().Len(MaxNameLength), Str("description").Len(MaxDescriptionLength)]);

    public static readonly ObjectSpec AddTeamMembers = new("AddTeamMembersRequest", [StrArr("memberIds").Req().Count(1, MaxListLength)]);

    public static readonly ObjectSpec CreateCustomRole = new("CreateCustomRoleRequest",
    [
        Str("name").Req().Len(MaxNameLength),
        Str("description").Len(MaxDescriptionLength),
        StrArr("permissions").Req().Count(1, MaxListLength),
        StrArr("restrictedWorkspaceIds").Count(0, MaxListLength),
        Str("scopeType").Req().OneOf(RoleCatalog.CustomRoleScopes),
    ]);

    public static readonly ObjectSpec UpdateCustomRole = new("UpdateCustomRoleRequest",
    [
        Str("name").Req().Len(MaxNameLength),
        Str("description").Len(MaxDescriptionLength),
        StrArr("permissions").Req().Count(1, MaxListLength),
        StrArr("restrictedWorkspaceIds").Count(0, MaxListLength),
    ]);

    public static readonly ObjectSpec CreateUserInvite = new("CreateUserInviteRequest",
        [Str("inviteeEmail").Req().Len(254).Fmt(Formats.Email), Str("role").Req().OneOf(RoleCatalog.OrganizationRoles)]);

    public static readonly ObjectSpec CreateAllowedIpAddressRange = new("CreateAllowedIpAddressRangeRequest",
        [Str("ipAddressRange").Req().Fmt(IpRanges.Format)]);

    public static readonly ObjectSpec BulkCreateAllowedIpAddressRanges = new("BulkCreateAllowedIpAddressRangesRequest",
        [Arr("allowedIpAddressRanges", Str("item").Fmt(IpRanges.Format)).Req().Count(1, MaxListLength)]);

    public static readonly ObjectSpec BulkDeleteAllowedIpAddressRanges = new("BulkDeleteAllowedIpAddressRangesRequest",
        [StrArr("allowedIpAddressRangeIds").Req().Count(1, MaxListLength)]);

    public static readonly ObjectSpec UpdateOrganization = new("UpdateOrganizationRequest",
    [
        Str("name").Req().Len(MaxNameLength),
        Str("billingEmail").Req().Len(254).Fmt(Formats.Email),
        Bool("isScimEnabled").Req(),
        Bool("allowEnhancedSupportAccess"),
        Bool("hasAiFeaturesDisabled"),
        Bool("shouldEnforceDedicatedClusters"),
    ]);

    /// <summary>The control API's user seed (<c>POST /_sim/users</c>): a user as if they had joined the organization.</summary>
    public static readonly ObjectSpec SimUser = new("SimUser",
    [
        Str("username").Req().Len(254).Fmt(Formats.Email),
        Str("fullName").Len(MaxNameLength),
        Str("status").OneOf(RoleCatalog.UserStatuses),
        Str("organizationRole").OneOf(RoleCatalog.OrganizationRoles),
    ]);
}
