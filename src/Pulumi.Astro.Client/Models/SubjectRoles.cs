using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A subject's roles, grouped by what they are on (the API's SubjectRoles); what a roles update answers.</summary>
public sealed class SubjectRoles
{
    /// <summary>The organization role, if any.</summary>
    [JsonProperty("organizationRole")] public string? OrganizationRole { get; init; }

    /// <summary>The workspace roles.</summary>
    [JsonProperty("workspaceRoles")] public IReadOnlyList<WorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>The Deployment roles.</summary>
    [JsonProperty("deploymentRoles")] public IReadOnlyList<DeploymentRole>? DeploymentRoles { get; init; }

    /// <summary>The DAG roles.</summary>
    [JsonProperty("dagRoles")] public IReadOnlyList<DagRole>? DagRoles { get; init; }
}

/// <summary>A role on a workspace (the API's WorkspaceRole).</summary>
public sealed class WorkspaceRole
{
    /// <summary>The workspace id.</summary>
    [JsonProperty("workspaceId")] public string WorkspaceId { get; init; } = "";

    /// <summary>The role.</summary>
    [JsonProperty("role")] public WorkspaceRoleName Role { get; init; }
}

/// <summary>A role on a Deployment (the API's DeploymentRole).</summary>
public sealed class DeploymentRole
{
    /// <summary>The Deployment id.</summary>
    [JsonProperty("deploymentId")] public string DeploymentId { get; init; } = "";

    /// <summary>The role, <c>DEPLOYMENT_ADMIN</c> or a custom role's name.</summary>
    [JsonProperty("role")] public string Role { get; init; } = "";
}

/// <summary>A role on a DAG or on the DAGs with a tag, in one Deployment (the API's DagRole).</summary>
public sealed class DagRole
{
    /// <summary>The Deployment the DAGs run in.</summary>
    [JsonProperty("deploymentId")] public string DeploymentId { get; init; } = "";

    /// <summary>The DAG id, for a role on one DAG.</summary>
    [JsonProperty("dagId")] public string? DagId { get; init; }

    /// <summary>The DAG tag, for a role on the DAGs with it.</summary>
    [JsonProperty("dagTag")] public string? DagTag { get; init; }

    /// <summary>The role, e.g. <c>DAG_VIEWER</c>, <c>DAG_AUTHOR</c> or a custom DAG role.</summary>
    [JsonProperty("role")] public string Role { get; init; } = "";
}
