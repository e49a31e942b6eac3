using Newtonsoft.Json.Linq;
using static Pulumi.Astro.Simulator.Tests.EnvironmentBodies;

namespace Pulumi.Astro.Simulator.Tests;

// The workload's workspaces, environment objects, API tokens and agent tokens.
internal sealed partial class ApiWorkload
{
    private async Task Environment(string awsCluster, string deployment)
    {
        await Workspaces();
        await EnvironmentObjects(deployment);
        await ApiTokens(deployment);
        await AgentTokens(awsCluster);
    }

    private async Task Workspaces()
    {
        var ws = await Create("workspaces", Workspace("workload"));
        await Ok(api.Post("workspaces", new JObject { ["name"] = "bare" }));
        await Ok(api.Get($"workspaces/{ws}"));
        await Ok(api.Post($"workspaces/{ws}", new JObject { ["name"] = "workload-renamed", ["description"] = "", ["cicdEnforcedDefault"] = false }));
        await Ok(api.Get($"workspaces?workspaceIds={ws}&names=workload-renamed&sorts=updatedAt:desc"));
        var dep = await Create("deployments", Bodies.Standard(ws, "in-workload-ws"));
        await Status(api.Delete($"workspaces/{ws}"), 400);
        await Ok(api.Delete($"deployments/{dep}"));
        clock.Advance(PastTransition);
        await Ok(api.Delete($"workspaces/{ws}"));
        await Status(api.Get($"workspaces/{ws}"), 404);
        await Status(api.Post("workspaces", new JObject { ["name"] = "" }), 400);
    }

    private async Task EnvironmentObjects(string deployment)
    {
        var ws = sim.WorkspaceId;
        JObject Link(JObject overrides) => new() { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = deployment, ["overrides"] = overrides };

        var connection = Connection(ws);
        connection["links"] = new JArray(Link(new JObject { ["connection"] = new JObject { ["host"] = "staging.example.com", ["password"] = "override" } }));
        var conn = await Create("environment-objects", connection);
        var snowflake = Connection(ws, key: "snowflake");
        snowflake["connection"] = new JObject
        {
            ["type"] = "snowflake", ["authTypeId"] = "snowflake-password", ["login"] = "AIRFLOW", ["password"] = "pw",
            ["extra"] = new JObject { ["account"] = "ab12345" },
        };
        await Create("environment-objects", snowflake);
        var secret = Variable(ws, secret: true, key: "api_key");
        secret["links"] = new JArray(Link(new JObject { ["airflowVariable"] = new JObject { ["value"] = "override" } }));
        var variable = await Create("environment-objects", secret);
        var plain = Variable(ws, secret: false, "ENVIRONMENT_VARIABLE", key: "REGION");
        plain["links"] = new JArray(Link(new JObject { ["environmentVariable"] = new JObject { ["value"] = "eu-west-1" } }));
        await Create("environment-objects", plain);
        var metrics = Metrics(ws);
        metrics["autoLinkDeployments"] = true;
        metrics["links"] = new JArray(Link(new JObject { ["metricsExport"] = new JObject { ["endpoint"] = "https://staging.example.com/write", ["labels"] = new JObject { ["env"] = "staging" } } }));
        await Create("environment-objects", metrics);
        await Create("environment-objects", Variable(deployment, secret: false, scope: "DEPLOYMENT", key: "own"));

        await Ok(api.Get($"environment-objects/{conn}"));
        await Ok(api.Get($"environment-objects/{variable}"));
        await Ok(api.Get("environment-objects"));
        await Ok(api.Get($"environment-objects?workspaceId={ws}&objectType=CONNECTION&sorts=objectKey:asc&limit=2&offset=0"));
        await Ok(api.Get($"environment-objects?deploymentId={deployment}&resolveLinked=true&showSecrets=false"));
        await Ok(api.Get($"environment-objects?deploymentId={deployment}&objectKey=own"));
        await Ok(api.Post($"environment-objects/{conn}", new JObject
        {
            ["description"] = "changed",
            ["connection"] = new JObject { ["type"] = "postgres", ["port"] = 6543 },
            ["links"] = new JArray(Link(new JObject { ["unsetFields"] = new JArray("password") })),
            ["autoLinkDeployments"] = false,
        }));
        await Ok(api.Post($"environment-objects/{variable}", new JObject { ["airflowVariable"] = new JObject { ["value"] = "" } }));
        var excluded = await Create("environment-objects", Bodies.Change(Variable(ws, secret: false, key: "auto"), "autoLinkDeployments=true"));
        await Ok(api.Post($"environment-objects/{excluded}/exclude-linking", new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = deployment }));
        await Status(api.Post("environment-objects", Connection(ws)), 409);
        await Status(api.Post("environment-objects", Bodies.Change(Connection(ws, key: "bad"), "connection.port=0")), 400);
        await Status(api.Get("environment-objects?showSecrets=true"), 403);
        await Ok(api.Delete($"environment-objects/{excluded}"));
        await Status(api.Get($"environment-objects/{excluded}"), 404);
    }

    private async Task ApiTokens(string deployment)
    {
        var ws = await Create("tokens", ApiToken("WORKSPACE", sim.WorkspaceId, "WORKSPACE_AUTHOR"));
        var org = await Create("tokens", Bodies.Change(ApiToken("ORGANIZATION", null, "ORGANIZATION_OWNER", "org"), "tokenExpiryPeriodInDays=30"));
        await Create("tokens", Bodies.Change(ApiToken("DEPLOYMENT", deployment, "DEPLOYMENT_ADMIN", "dep"), "kind=DIRECT_ACCESS"));
        await Ok(api.Get($"tokens/{ws}"));
        await Ok(api.Get("tokens"));
        await Ok(api.Get($"tokens?workspaceId={sim.WorkspaceId}&sorts=tokenStartAt:desc&limit=1&offset=0"));
        await Ok(api.Get($"tokens?deploymentId={deployment}&kind=DIRECT_ACCESS&includeOnlyOrganizationTokens=false"));
        await Ok(api.Post($"tokens/{ws}", new JObject { ["name"] = "renamed", ["description"] = "changed" }));
        await Ok(api.Post($"tokens/{org}/roles", new JObject
        {
            ["roles"] = new JArray(
                new JObject { ["entityType"] = "ORGANIZATION", ["entityId"] = sim.OrganizationId, ["role"] = "ORGANIZATION_OWNER" },
                new JObject { ["entityType"] = "WORKSPACE", ["entityId"] = sim.WorkspaceId, ["role"] = "WORKSPACE_OWNER" },
                new JObject { ["entityType"] = "DEPLOYMENT", ["entityId"] = deployment, ["role"] = "DEPLOYMENT_ADMIN" },
                new JObject { ["entityType"] = "DAG", ["entityId"] = "etl", ["role"] = "DAG_VIEWER", ["deploymentId"] = deployment }),
        }));
        await Ok(api.Send(HttpMethod.Post, $"tokens/{ws}/rotate", null));
        await Status(api.Post("tokens", ApiToken("WORKSPACE", null, "WORKSPACE_OWNER")), 400);
        await Ok(api.Delete($"tokens/{ws}"));
        await Status(api.Get($"tokens/{ws}"), 404);
    }

    private async Task AgentTokens(string awsCluster)
    {
        var dep = await Create("deployments", RemoteExecutionDeployment(sim.WorkspaceId, awsCluster));
        clock.Advance(PastTransition);
        var token = await Create($"deployments/{dep}/agent-tokens", new JObject { ["name"] = "agent", ["tokenExpiryPeriodInDays"] = 30 });
        await Create($"deployments/{dep}/agent-tokens", new JObject { ["name"] = "second", ["description"] = "another" });
        await Ok(api.Get($"deployments/{dep}/agent-tokens/{token}"));
        await Ok(api.Get($"deployments/{dep}/agent-tokens?sorts=name:asc&limit=1&offset=1"));
        await Ok(api.Delete($"deployments/{dep}/agent-tokens/{token}"));
        await Status(api.Get($"deployments/{dep}/agent-tokens/{token}"), 404);
        await Ok(api.Delete($"deployments/{dep}"));
        clock.Advance(PastTransition);
    }
}
