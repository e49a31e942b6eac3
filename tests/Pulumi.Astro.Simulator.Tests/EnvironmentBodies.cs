using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// Valid bodies for workspaces, environment objects and tokens; break them one rule at a time with
/// <see cref="Bodies.Change"/>. The secret values are distinctive, so a test can search any answer for them.
/// </summary>
public static class EnvironmentBodies
{
    public const string ConnectionPassword = "pg-s3cret-pw";
    public const string VariableSecret = "var-s3cret-value";
    public const string MetricsToken = "prom-s3cret-token";
    public const string PrivateKey = "-----BEGIN PRIVATE KEY-----s3cret";

    public static JObject Workspace(string name = "data") => new()
    {
        ["name"] = name,
        ["description"] = "the data team",
        ["cicdEnforcedDefault"] = true,
        ["defaultCloudProvider"] = "AWS",
        ["defaultRegion"] = "us-east-1",
    };

    public static JObject Connection(string scopeEntityId, string scope = "WORKSPACE", string key = "warehouse") => new()
    {
        ["objectKey"] = key,
        ["objectType"] = "CONNECTION",
        ["scope"] = scope,
        ["scopeEntityId"] = scopeEntityId,
        ["description"] = "the warehouse",
        ["connection"] = new JObject
        {
            ["type"] = "postgres",
            ["host"] = "warehouse.example.com",
            ["port"] = 5432,
            ["login"] = "airflow",
            ["password"] = ConnectionPassword,
            ["schema"] = "analytics",
            ["extra"] = new JObject { ["sslmode"] = "require", ["timeout"] = 30 },
        },
    };

    public static JObject Variable(string scopeEntityId, bool secret, string type = "AIRFLOW_VARIABLE", string scope = "WORKSPACE", string key = "region") => new()
    {
        ["objectKey"] = key,
        ["objectType"] = type,
        ["scope"] = scope,
        ["scopeEntityId"] = scopeEntityId,
        [type == "AIRFLOW_VARIABLE" ? "airflowVariable" : "environmentVariable"] = new JObject
        {
            ["isSecret"] = secret,
            ["value"] = secret ? VariableSecret : "us-east-1",
        },
    };

    public static JObject Metrics(string scopeEntityId, string scope = "WORKSPACE") => new()
    {
        ["objectKey"] = "prometheus",
        ["objectType"] = "METRICS_EXPORT",
        ["scope"] = scope,
        ["scopeEntityId"] = scopeEntityId,
        ["metricsExport"] = new JObject
        {
            ["endpoint"] = "https://prometheus.example.com/api/v1/write",
            ["exporterType"] = "PROMETHEUS",
            ["authType"] = "AUTH_TOKEN",
            ["basicToken"] = MetricsToken,
            ["headers"] = new JObject { ["X-Scope-OrgID"] = "tenant-1" },
            ["labels"] = new JObject { ["team"] = "data" },
        },
    };

    public static JObject ApiToken(string scope, string? entityId, string role, string name = "ci") => new()
    {
        ["name"] = name,
        ["description"] = "deploys from CI",
        ["scope"] = scope,
        ["entityId"] = entityId,
        ["role"] = role,
    };

    /// <summary>A DEDICATED Deployment on the ASTRO executor with remote execution on: one that has agent tokens.</summary>
    public static JObject RemoteExecutionDeployment(string workspaceId, string clusterId)
    {
        var body = Bodies.Dedicated(workspaceId, clusterId);
        foreach (var f in new[] { "defaultTaskPodCpu", "defaultTaskPodMemory", "resourceQuotaCpu", "resourceQuotaMemory", "workerQueues" }) body.Remove(f);
        body["name"] = "remote";
        body["executor"] = "ASTRO";
        body["remoteExecution"] = new JObject { ["enabled"] = true, ["allowedIpAddressRanges"] = new JArray("10.0.0.0/8") };
        return body;
    }
}

/// <summary>
/// A <see cref="SimFixture"/> whose transitions take no time: clusters are CREATED and deleted Deployments gone at
/// once, so the tests of what depends on them never wait.
/// </summary>
public abstract class InstantSimFixture : SimFixture
{
    [SetUp]
    public Task NoTransitionTimes() => Sim.Control.SetTimingsAsync(0, 0, 0);

    protected async Task<string> Create(string collection, JObject body)
    {
        var reply = await Api.Post(collection, body);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        return (string)reply.Json["id"]!;
    }

    protected Task<string> Deployment(string workspaceId, string name = "standard") => Create("deployments", Bodies.Standard(workspaceId, name));

    protected async Task<string> RemoteExecutionDeployment()
    {
        var cluster = await Create("clusters", Bodies.AwsCluster());
        return await Create("deployments", EnvironmentBodies.RemoteExecutionDeployment(Sim.WorkspaceId, cluster));
    }
}
