using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>Valid bodies of the organization-access endpoints; <see cref="Bodies.Change"/> breaks them one rule at a time.</summary>
public static class AccessBodies
{
    /// <summary>Stands for the test's Deployment id in a body or a change, replaced by <see cref="With"/>.</summary>
    public const string Dep = "$dep";

    public static JObject Team(string name = "data") => new()
    {
        ["name"] = name,
        ["description"] = "the data team",
        ["memberIds"] = new JArray(SeededUsers.AuthorId),
        ["organizationRole"] = "ORGANIZATION_MEMBER",
    };

    /// <summary>A roles body with one role of each scope in the seeded workspace and the Deployment <see cref="Dep"/>.</summary>
    public static JObject Roles(string workspaceId) => new()
    {
        ["organizationRole"] = "ORGANIZATION_MEMBER",
        ["workspaceRoles"] = new JArray(new JObject { ["workspaceId"] = workspaceId, ["role"] = "WORKSPACE_MEMBER" }),
        ["deploymentRoles"] = new JArray(new JObject { ["deploymentId"] = Dep, ["role"] = "DEPLOYMENT_ADMIN" }),
        ["dagRoles"] = new JArray(new JObject { ["deploymentId"] = Dep, ["dagId"] = "etl", ["role"] = "DAG_VIEWER" }),
    };

    public static JObject CustomRole(string name = "deployment-viewer", string scope = "DEPLOYMENT") => new()
    {
        ["name"] = name,
        ["description"] = "reads the Deployment",
        ["scopeType"] = scope,
        ["permissions"] = scope == "DAG" ? new JArray("dag.airflow.dag.get") : new JArray("deployment.get", "deployment.airflow.connection.get"),
    };

    public static JObject Invite(string email = "new.person@example.com") => new()
    {
        ["inviteeEmail"] = email,
        ["role"] = "ORGANIZATION_MEMBER",
    };

    public static JObject Organization() => new()
    {
        ["name"] = "Acme Data",
        ["billingEmail"] = "finance@acme.example",
        ["isScimEnabled"] = false,
    };

    /// <summary>Replaces every <see cref="Dep"/> in a body with the Deployment's id.</summary>
    public static JObject With(JObject body, string deploymentId) =>
        JObject.Parse(body.ToString(Newtonsoft.Json.Formatting.None).Replace(Dep, deploymentId, StringComparison.Ordinal));
}
