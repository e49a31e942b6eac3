// The enums of organization access (teams, users, roles), open like every Astro enum: see AstroEnum.cs.

namespace Pulumi.Astro.Client.Models;

/// <summary>An organization role of a user, team or invite (Astro API reference: TeamOrganizationRole). A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct OrganizationRole(string Value) : IAstroEnum<OrganizationRole>
{
    /// <summary><c>ORGANIZATION_OWNER</c>.</summary>
    public static readonly OrganizationRole Owner = new("ORGANIZATION_OWNER");
    /// <summary><c>ORGANIZATION_BILLING_ADMIN</c>.</summary>
    public static readonly OrganizationRole BillingAdmin = new("ORGANIZATION_BILLING_ADMIN");
    /// <summary><c>ORGANIZATION_OBSERVE_ADMIN</c>.</summary>
    public static readonly OrganizationRole ObserveAdmin = new("ORGANIZATION_OBSERVE_ADMIN");
    /// <summary><c>ORGANIZATION_MEMBER</c>.</summary>
    public static readonly OrganizationRole Member = new("ORGANIZATION_MEMBER");
    /// <summary><c>ORGANIZATION_OBSERVE_MEMBER</c>.</summary>
    public static readonly OrganizationRole ObserveMember = new("ORGANIZATION_OBSERVE_MEMBER");

    /// <summary>The values this client knows, from the most to the least privileged.</summary>
    public static IReadOnlyList<OrganizationRole> KnownValues { get; } = [Owner, BillingAdmin, ObserveAdmin, Member, ObserveMember];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>
/// The scope of a role or permission group (Astro API reference: RoleScopeType, DefaultRoleScopeType). A custom role is
/// DEPLOYMENT or DAG; built-in roles also have the other scopes. A value the client does not know is kept as is.
/// </summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct RoleScopeType(string Value) : IAstroEnum<RoleScopeType>
{
    /// <summary><c>ORGANIZATION</c>.</summary>
    public static readonly RoleScopeType Organization = new("ORGANIZATION");
    /// <summary><c>WORKSPACE</c>.</summary>
    public static readonly RoleScopeType Workspace = new("WORKSPACE");
    /// <summary><c>DEPLOYMENT</c>.</summary>
    public static readonly RoleScopeType Deployment = new("DEPLOYMENT");
    /// <summary><c>DAG</c>.</summary>
    public static readonly RoleScopeType Dag = new("DAG");
    /// <summary><c>SYSTEM</c> (built-in roles only).</summary>
    public static readonly RoleScopeType System = new("SYSTEM");

    /// <summary>The values this client knows, from the widest scope to the narrowest.</summary>
    public static IReadOnlyList<RoleScopeType> KnownValues { get; } = [Organization, Workspace, Deployment, Dag, System];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>The status of a user in the organization (Astro API reference: UserStatus). A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct UserStatus(string Value) : IAstroEnum<UserStatus>
{
    /// <summary><c>ACTIVE</c>.</summary>
    public static readonly UserStatus Active = new("ACTIVE");
    /// <summary><c>PENDING</c>: invited, not yet joined.</summary>
    public static readonly UserStatus Pending = new("PENDING");
    /// <summary><c>INACTIVE</c>.</summary>
    public static readonly UserStatus Inactive = new("INACTIVE");
    /// <summary><c>BANNED</c>.</summary>
    public static readonly UserStatus Banned = new("BANNED");

    /// <summary>The values this client knows.</summary>
    public static IReadOnlyList<UserStatus> KnownValues { get; } = [Active, Pending, Inactive, Banned];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
