namespace Pulumi.Astro.Simulator;

/// <summary>
/// The organization's access model as astro-sim serves it: the built-in roles of each scope, the permission groups a
/// custom role may take its permissions from, and the users seeded into every organization.
/// </summary>
/// <remarks>
/// Built-in role names are the enums of Astro's API reference (<c>TeamOrganizationRole</c>, <c>WorkspaceRoleRole</c>)
/// plus the built-in Deployment and DAG roles that its field descriptions name (<c>DEPLOYMENT_ADMIN</c>;
/// <c>DAG_VIEWER</c>, <c>DAG_AUTHOR</c>). Permission names follow Astro's "Custom Deployment role permissions
/// reference" (docs/astro/deployment-role-reference): <c>deployment.get</c>, <c>deployment.airflow.connection.create</c>
/// and so on; each group's entries carry the full permission name as their <c>action</c>, which is what a custom role
/// lists. Only the DEPLOYMENT and DAG scopes have permissions, as the <c>scopeType</c> parameter of
/// ListPermissionGroups documents.
/// </remarks>
internal static class RoleCatalog
{
    public static readonly string[] OrganizationRoles =
        ["ORGANIZATION_OWNER", "ORGANIZATION_BILLING_ADMIN", "ORGANIZATION_OBSERVE_ADMIN", "ORGANIZATION_MEMBER", "ORGANIZATION_OBSERVE_MEMBER"];

    public static readonly string[] WorkspaceRoles = ["WORKSPACE_OWNER", "WORKSPACE_OPERATOR", "WORKSPACE_AUTHOR", "WORKSPACE_MEMBER", "WORKSPACE_ACCESSOR"];

    public static readonly string[] DeploymentRoles = ["DEPLOYMENT_ADMIN"];

    public static readonly string[] DagRoles = ["DAG_AUTHOR", "DAG_VIEWER"];

    /// <summary>The scopes a custom role can have (CreateCustomRoleRequest.scopeType).</summary>
    public static readonly string[] CustomRoleScopes = ["DAG", "DEPLOYMENT"];

    /// <summary>The scopes the list endpoints filter by (ListRoles scopeTypes, ListPermissionGroups scopeType).</summary>
    public static readonly string[] ScopeTypes = ["DAG", "DEPLOYMENT", "ORGANIZATION", "WORKSPACE"];

    public static readonly string[] UserStatuses = ["ACTIVE", "BANNED", "INACTIVE", "PENDING"];

    /// <summary>How long an invite stays valid; astro-sim's choice, the API reference does not say.</summary>
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    public sealed record PermissionGroup(string Name, string Description, string Scope, (string Action, string Description)[] Permissions);

    private static PermissionGroup Group(string name, string scope, string description, params (string Verb, string Description)[] verbs) =>
        new(name, description, scope, [.. verbs.Select(v => ($"{name}.{v.Verb}", v.Description))]);

    public static readonly PermissionGroup[] PermissionGroups =
    [
        Group("deployment", "DEPLOYMENT", "The Deployment itself",
            ("get", "Get the Deployment's details and resource configuration"),
            ("update", "Update the Deployment's details and resource configuration"),
            ("delete", "Delete the Deployment")),
        Group("deployment.apiTokens", "DEPLOYMENT", "Deployment API tokens",
            ("get", "View the Deployment's API tokens"),
            ("create", "Create Deployment API tokens"),
            ("update", "Update and rotate Deployment API tokens"),
            ("delete", "Delete Deployment API tokens")),
        Group("deployment.deploys", "DEPLOYMENT", "Code deploys",
            ("get", "View the Deployment's deploys"),
            ("create", "Deploy code to the Deployment")),
        Group("deployment.agents", "DEPLOYMENT", "Remote Execution Agents",
            ("get", "View Remote Execution Agents"),
            ("update", "Cordon and uncordon Remote Execution Agents"),
            ("delete", "Delete Remote Execution Agents")),
        Group("deployment.agentTokens", "DEPLOYMENT", "Remote Execution Agent tokens",
            ("create", "Create agent tokens"),
            ("update", "Update agent tokens"),
            ("delete", "Delete agent tokens")),
        Group("deployment.airflow.adminMenu", "DEPLOYMENT", "The Airflow UI's Admin menu", ("get", "View the Admin menu")),
        Group("deployment.airflow.auditLog", "DEPLOYMENT", "The Airflow UI's audit log", ("get", "View the audit log")),
        Group("deployment.airflow.connection", "DEPLOYMENT", "Airflow connections",
            ("get", "View connections"),
            ("create", "Create connections"),
            ("update", "Update connections"),
            ("delete", "Delete connections")),
        Group("deployment.airflow.variable", "DEPLOYMENT", "Airflow variables",
            ("get", "View variables"),
            ("create", "Create variables"),
            ("update", "Update variables"),
            ("delete", "Delete variables")),
        Group("deployment.airflow.pool", "DEPLOYMENT", "Airflow pools",
            ("get", "View pools"),
            ("create", "Create pools"),
            ("update", "Update pools"),
            ("delete", "Delete pools")),
        Group("deployment.airflow.dag", "DEPLOYMENT", "Every DAG of the Deployment",
            ("get", "View DAGs"),
            ("update", "Pause, unpause and trigger DAGs"),
            ("delete", "Delete DAGs")),
        Group("deployment.airflow.taskInstance", "DEPLOYMENT", "Task instances of every DAG",
            ("get", "View task instances"),
            ("update", "Clear and mark task instances"),
            ("delete", "Delete task instances")),
        Group("dag.airflow.dag", "DAG", "One DAG",
            ("get", "View the DAG"),
            ("update", "Pause, unpause and trigger the DAG"),
            ("delete", "Delete the DAG")),
        Group("dag.airflow.dagRun", "DAG", "The DAG's runs",
            ("get", "View runs"),
            ("create", "Trigger runs"),
            ("update", "Clear and mark runs"),
            ("delete", "Delete runs")),
        Group("dag.airflow.taskInstance", "DAG", "The DAG's task instances",
            ("get", "View task instances"),
            ("update", "Clear and mark task instances")),
        Group("dag.airflow.taskLog", "DAG", "The DAG's task logs", ("get", "Read task logs")),
    ];

    /// <summary>Every permission a custom role of <paramref name="scope"/> may list.</summary>
    public static IEnumerable<string> Permissions(string scope) =>
        PermissionGroups.Where(g => g.Scope == scope).SelectMany(g => g.Permissions.Select(p => p.Action));

    /// <summary>A built-in role: its name, scope, description and permissions (ListRoles defaultRoles).</summary>
    public sealed record BuiltInRole(string Name, string Scope, string Description, string[] Permissions);

    public static readonly BuiltInRole[] BuiltInRoles =
    [
        new("ORGANIZATION_OWNER", "ORGANIZATION", "Full control of the organization, its billing, users and settings",
            ["organization.get", "organization.update", "organization.billing.update", "organization.users.update", "organization.workspaces.create"]),
        new("ORGANIZATION_BILLING_ADMIN", "ORGANIZATION", "Manage the organization's billing",
            ["organization.get", "organization.billing.update"]),
        new("ORGANIZATION_OBSERVE_ADMIN", "ORGANIZATION", "Manage Astro Observe for the organization",
            ["organization.get", "organization.observe.update"]),
        new("ORGANIZATION_MEMBER", "ORGANIZATION", "View the organization", ["organization.get"]),
        new("ORGANIZATION_OBSERVE_MEMBER", "ORGANIZATION", "View Astro Observe", ["organization.get", "organization.observe.get"]),
        new("WORKSPACE_OWNER", "WORKSPACE", "Full control of the workspace and its users",
            ["workspace.get", "workspace.update", "workspace.users.update", "workspace.deployments.create"]),
        new("WORKSPACE_OPERATOR", "WORKSPACE", "Manage the workspace's Deployments",
            ["workspace.get", "workspace.deployments.create", "workspace.deployments.update"]),
        new("WORKSPACE_AUTHOR", "WORKSPACE", "Deploy code to the workspace's Deployments", ["workspace.get", "workspace.deployments.deploy"]),
        new("WORKSPACE_MEMBER", "WORKSPACE", "View the workspace and its Deployments", ["workspace.get"]),
        new("WORKSPACE_ACCESSOR", "WORKSPACE", "See that the workspace exists", ["workspace.get"]),
        new("DEPLOYMENT_ADMIN", "DEPLOYMENT", "Full control of the Deployment", [.. Permissions("DEPLOYMENT")]),
        new("DAG_AUTHOR", "DAG", "Run and change the DAG", [.. Permissions("DAG")]),
        new("DAG_VIEWER", "DAG", "View the DAG", [.. Permissions("DAG").Where(p => p.EndsWith(".get", StringComparison.Ordinal))]),
    ];
}

/// <summary>
/// The users every astro-sim organization starts with (and gets back after a reset), so that teams, user roles and
/// invites have someone to point at. Their ids are fixed. The owner and the author have roles in the seeded workspace;
/// the inactive user shows a status other than ACTIVE.
/// </summary>
public static class SeededUsers
{
    /// <summary><c>ada@astro-sim.local</c>, ORGANIZATION_OWNER, WORKSPACE_OWNER of the seeded workspace: the only owner.</summary>
    public const string OwnerId = "clsimusr00000000000000001";

    /// <summary><c>grace@astro-sim.local</c>, ORGANIZATION_MEMBER, WORKSPACE_AUTHOR of the seeded workspace.</summary>
    public const string AuthorId = "clsimusr00000000000000002";

    /// <summary><c>linus@astro-sim.local</c>, ORGANIZATION_MEMBER, no workspace roles.</summary>
    public const string MemberId = "clsimusr00000000000000003";

    /// <summary><c>barbara@astro-sim.local</c>, ORGANIZATION_BILLING_ADMIN.</summary>
    public const string BillingAdminId = "clsimusr00000000000000004";

    /// <summary><c>ken@astro-sim.local</c>, ORGANIZATION_MEMBER, status INACTIVE.</summary>
    public const string InactiveId = "clsimusr00000000000000005";

    /// <summary>id, e-mail (the user name), full name, organization role, status, and whether they own/author the seeded workspace.</summary>
    internal static readonly (string Id, string Username, string FullName, string OrganizationRole, string Status, string? WorkspaceRole)[] All =
    [
        (OwnerId, "ada@astro-sim.local", "Ada Lovelace", "ORGANIZATION_OWNER", "ACTIVE", "WORKSPACE_OWNER"),
        (AuthorId, "grace@astro-sim.local", "Grace Hopper", "ORGANIZATION_MEMBER", "ACTIVE", "WORKSPACE_AUTHOR"),
        (MemberId, "linus@astro-sim.local", "Linus Torvalds", "ORGANIZATION_MEMBER", "ACTIVE", null),
        (BillingAdminId, "barbara@astro-sim.local", "Barbara Liskov", "ORGANIZATION_BILLING_ADMIN", "ACTIVE", null),
        (InactiveId, "ken@astro-sim.local", "Ken Thompson", "ORGANIZATION_MEMBER", "INACTIVE", null),
    ];
}
