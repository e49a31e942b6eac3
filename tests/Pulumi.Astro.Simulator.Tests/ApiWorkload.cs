using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// A representative run of every endpoint astro-sim serves, over raw HTTP: the organization, workspaces and options;
/// Clusters of each cloud and a hybrid one (create, get, list with paging and filters, update, delete); Deployments of
/// each type (create, get, list with paging, update, delete); hibernation overrides; logs; DAG and image deploys with
/// finalize, update and rollback; workspaces, environment objects, API and agent tokens (ApiWorkload.Environment.cs); and
/// error answers (400 with field errors, 404). It reads only fields the API model
/// marks required from the answers, so it runs in every response mode; what it needs from optional fields it reads in
/// full mode (<see cref="InFull{T}"/>). Time is the fixture's manual clock, advanced past each transition.
/// </summary>
internal sealed partial class ApiWorkload(SimServer sim, Api api, ManualTimeProvider clock, string mode)
{
    private static readonly TimeSpan PastTransition = TimeSpan.FromSeconds(SimServer.FastSeconds * 4);

    private string Org => $"/v1/organizations/{sim.OrganizationId}";

    public async Task RunAsync()
    {
        await Organization();
        var clusters = await Clusters();
        var deployments = await Deployments(clusters.Aws, clusters.Hybrid);
        await Hibernation(deployments.Standard);
        await Deploys(deployments.Standard);
        await Access(deployments.Standard);
        await Errors(clusters.Hybrid);
        await Environment(clusters.Aws, deployments.Standard);
        await Delete("deployments", deployments.Standard, deployments.Dedicated, deployments.Hybrid);
        await Delete("clusters", clusters.Aws, clusters.Gcp, clusters.Azure, clusters.Hybrid);
    }

    private async Task Organization()
    {
        await Ok(api.Get("/v1/organizations"));
        await Ok(api.Get("/v1/organizations?limit=1&offset=0"));
        await Ok(api.Get(Org));
        await Ok(api.Get($"{Org}?isLookUpOnly=true"));
        await Ok(api.Get("workspaces"));
        await Ok(api.Get("workspaces?limit=1&offset=0&sorts=name:asc"));
        await Ok(api.Get($"workspaces/{sim.WorkspaceId}"));
        await Ok(api.Get("cluster-options?type=DEDICATED"));
        await Ok(api.Get("cluster-options?type=HYBRID&provider=GCP"));
        await Ok(api.Get("deployment-options"));
        await Ok(api.Get("deployment-options?deploymentType=HYBRID&executor=CELERY&cloudProvider=AWS"));
    }

    private async Task<(string Aws, string Gcp, string Azure, string Hybrid)> Clusters()
    {
        var aws = await Create("clusters", Bodies.AwsCluster("aws"));
        var gcp = await Create("clusters", Bodies.GcpCluster());
        var azure = await Create("clusters", Bodies.AzureCluster());
        var hybrid = await Create("clusters", Bodies.HybridCluster());
        // The transitions are under way: statuses CREATING, then CREATED once the clock passes them.
        await Ok(api.Get($"clusters/{aws}"));
        clock.Advance(PastTransition);
        foreach (var id in new[] { aws, gcp, azure, hybrid })
            Assert.That((string?)(await Ok(api.Get($"clusters/{id}"))).Json["status"], Is.EqualTo("CREATED"));
        await Ok(api.Get("clusters"));
        await Ok(api.Get("clusters?limit=2&offset=1&sorts=name:asc"));
        await Ok(api.Get("clusters?provider=GCP&names=gcp"));

        await Ok(api.Post($"clusters/{aws}", new JObject
        {
            ["clusterType"] = "DEDICATED",
            ["name"] = "aws-renamed",
            ["k8sTags"] = new JArray(new JObject { ["key"] = "team", ["value"] = "data" }),
            ["workspaceIds"] = new JArray(sim.WorkspaceId),
            ["nodePools"] = new JArray(new JObject { ["name"] = "extra", ["nodeInstanceType"] = "m5.2xlarge", ["maxNodeCount"] = 5, ["isDefault"] = true }),
        }));
        await Ok(api.Post($"clusters/{hybrid}", new JObject { ["clusterType"] = "HYBRID", ["workspaceIds"] = new JArray(sim.WorkspaceId) }));
        await Ok(api.Get($"clusters/{aws}"));
        clock.Advance(PastTransition);
        return (aws, gcp, azure, hybrid);
    }

    private async Task<(string Standard, string Dedicated, string Hybrid)> Deployments(string awsCluster, string hybridCluster)
    {
        var standardBody = Bodies.Standard(sim.WorkspaceId, "std");
        standardBody["isDevelopmentMode"] = true;
        standardBody["contactEmails"] = new JArray("owner@example.com");
        standardBody["description"] = "the standard one";
        standardBody["scalingSpec"] = new JObject
        {
            ["hibernationSpec"] = new JObject
            {
                ["schedules"] = new JArray(new JObject { ["hibernateAtCron"] = "0 20 * * *", ["wakeAtCron"] = "0 8 * * *", ["isEnabled"] = true }),
            },
        };
        var standard = await Create("deployments", standardBody);
        var dedicated = await Create("deployments", Bodies.Dedicated(sim.WorkspaceId, awsCluster));
        var nodePool = await InFull(async () => (string)(await Ok(api.Get($"clusters/{hybridCluster}"))).Json["nodePools"]![0]!["id"]!);
        var hybrid = await Create("deployments", Bodies.Hybrid(sim.WorkspaceId, hybridCluster, nodePool));
        await Ok(api.Get($"deployments/{standard}"));
        clock.Advance(PastTransition);
        foreach (var id in new[] { standard, dedicated, hybrid })
            Assert.That((string?)(await Ok(api.Get($"deployments/{id}"))).Json["status"], Is.AnyOf("HEALTHY", "HIBERNATING"));
        await Ok(api.Get("deployments"));
        await Ok(api.Get("deployments?limit=2&offset=1"));
        await Ok(api.Get($"deployments?names=std&workspaceIds={sim.WorkspaceId}&sorts=createdAt:desc"));
        await Ok(api.Get($"deployments?deploymentIds={dedicated}&deploymentIds={hybrid}"));

        foreach (var id in new[] { standard, dedicated, hybrid })
        {
            var update = Bodies.UpdateOf(await InFull(async () => (await Ok(api.Get($"deployments/{id}"))).Json));
            update["name"] = (string)update["name"]! + "-updated";
            await Ok(api.Post($"deployments/{id}", update));
        }
        clock.Advance(PastTransition);
        await Ok(api.Get($"deployments/{dedicated}/logs?sources=scheduler&sources=worker&limit=5&offset=0"));
        return (standard, dedicated, hybrid);
    }

    private async Task Hibernation(string deployment)
    {
        var until = clock.GetUtcNow().AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await Ok(api.Post($"deployments/{deployment}/hibernation-override", new JObject { ["isHibernating"] = true, ["overrideUntil"] = until }));
        Assert.That((string?)(await Ok(api.Get($"deployments/{deployment}"))).Json["status"], Is.EqualTo("HIBERNATING"));
        await Ok(api.Post($"deployments/{deployment}/hibernation-override", new JObject { ["isHibernating"] = false }));
        await Ok(api.Delete($"deployments/{deployment}/hibernation-override"));
    }

    private async Task Deploys(string deployment)
    {
        var dagDeploy = await Create($"deployments/{deployment}/deploys", new JObject { ["type"] = "DAG_ONLY", ["description"] = "dags" });
        var uploadUrl = await InFull(async () => (string)(await Ok(api.Get($"deployments/{deployment}/deploys/{dagDeploy}"))).Json["dagsUploadUrl"]!);
        using (var put = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent([31, 139, 8, 0, 1, 2, 3]) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var http = new HttpClient();
            using var uploaded = await http.SendAsync(put);
            Assert.That((int)uploaded.StatusCode, Is.EqualTo(201));
            var version = uploaded.Headers.GetValues("x-ms-version-id").Single();
            await Ok(api.Post($"deployments/{deployment}/deploys/{dagDeploy}/finalize", new JObject { ["dagTarballVersion"] = version }));
        }
        clock.Advance(PastTransition);

        var image = (await Ok(api.Post($"deployments/{deployment}/deploys", new JObject { ["type"] = "IMAGE_ONLY" }))).Json;
        await sim.Registry.PushAsync((string)image["imageRepository"]!, (string)image["imageTag"]!, SimRegistry.Manifest(mode));
        await Ok(api.Post($"deployments/{deployment}/deploys/{image["id"]}/finalize", new JObject()));
        await Ok(api.Post($"deployments/{deployment}/deploys/{image["id"]}", new JObject { ["description"] = "image, described later" }));
        clock.Advance(PastTransition);

        await Ok(api.Get($"deployments/{deployment}/deploys"));
        await Ok(api.Get($"deployments/{deployment}/deploys?limit=1&offset=1"));
        await Ok(api.Post($"deployments/{deployment}/deploys/{dagDeploy}/rollback", new JObject { ["description"] = "back to the DAGs" }));
        await Ok(api.Get($"deployments/{deployment}"));
        clock.Advance(PastTransition);
    }

    private async Task Errors(string hybridCluster)
    {
        await Status(api.Post("deployments", new JObject { ["type"] = "STANDARD" }), 400);
        await Status(api.Post("clusters", Bodies.Change(Bodies.AwsCluster(), "region=mars-1")), 400);
        await Status(api.Get("deployments/cnosuchdeployment00000000"), 404);
        await Status(api.Delete($"clusters/{hybridCluster}"), 400);
    }

    private async Task Delete(string collection, params string[] ids)
    {
        foreach (var id in ids) await Ok(api.Delete($"{collection}/{id}"));
        await Ok(api.Get($"{collection}/{ids[0]}"));
        clock.Advance(PastTransition);
        foreach (var id in ids) await Status(api.Get($"{collection}/{id}"), 404);
    }

    /// <summary>Reads what only a full answer has, then goes back to the workload's mode.</summary>
    private async Task<T> InFull<T>(Func<Task<T>> read)
    {
        if (mode == "full") return await read();
        await sim.Control.SetResponsesAsync("full");
        try
        {
            return await read();
        }
        finally
        {
            await sim.Control.SetResponsesAsync(mode);
        }
    }

    private async Task<string> Create(string collection, JObject body) => (string)(await Ok(api.Post(collection, body))).Json["id"]!;

    private static async Task<Reply> Ok(Task<Reply> call)
    {
        var reply = await call;
        Assert.That(reply.Status, Is.InRange(200, 299), reply.ToString());
        return reply;
    }

    private static async Task Status(Task<Reply> call, int status)
    {
        var reply = await call;
        Assert.That(reply.Status, Is.EqualTo(status), reply.ToString());
    }
}
