using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>Lean and null answers: exactly the model's optional fields go (or become null), at every level; state stays full.</summary>
public sealed class ResponseModeTests : SimFixture
{
    /// <summary>The model file read as plain JSON, independently of astro-sim's reader, to check it field by field.</summary>
    private static readonly Lazy<JObject> RawModel = new(() => JObject.Parse(File.ReadAllText(AstroModel.Path!)));

    private static HashSet<string> Optional(string type) =>
        ((JObject)RawModel.Value["types"]![type]!["fields"]!).Properties().Where(p => !(bool)p.Value["required"]!).Select(p => p.Name).ToHashSet();

    private static HashSet<string> Required(string type) =>
        ((JObject)RawModel.Value["types"]![type]!["fields"]!).Properties().Where(p => (bool)p.Value["required"]!).Select(p => p.Name).ToHashSet();

    /// <summary>Creates one object of a kind and returns the path that reads it and its model type.</summary>
    private async Task<(string Path, string Type)> CreateOne(string kind)
    {
        switch (kind)
        {
            case "Deployment":
                var dep = await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId));
                return ($"deployments/{dep.Json["id"]}", "Deployment");
            case "Cluster":
                var cluster = await Api.Post("clusters", Bodies.GcpCluster());
                return ($"clusters/{cluster.Json["id"]}", "Cluster");
            case "Deploy":
                var d = await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId));
                var deploy = await Api.Post($"deployments/{d.Json["id"]}/deploys", new JObject { ["type"] = "DAG_ONLY", ["description"] = "x" });
                return ($"deployments/{d.Json["id"]}/deploys/{deploy.Json["id"]}", "Deploy");
            default:
                return ($"workspaces/{Sim.WorkspaceId}", "Workspace");
        }
    }

    [TestCase("Deployment")]
    [TestCase("Cluster")]
    [TestCase("Deploy")]
    [TestCase("Workspace")]
    public async Task Lean_Get_LeavesOutExactlyTheOptionalFieldsAndKeepsTheRequiredOnes(string kind)
    {
        var (path, type) = await CreateOne(kind);
        var full = (await Api.Get(path)).Json;
        await Sim.Control.SetResponsesAsync("lean");
        var lean = (await Api.Get(path)).Json;

        var optional = Optional(type);
        Assert.That(full.Properties().Select(p => p.Name), Has.Some.Matches<string>(optional.Contains), "the full answer has optional fields to drop");
        Assert.Multiple(() =>
        {
            Assert.That(lean.Properties().Select(p => p.Name), Is.EquivalentTo(full.Properties().Select(p => p.Name).Where(n => !optional.Contains(n))));
            foreach (var name in Required(type))
            {
                // Required primitives keep their values (a status may move on between the two reads).
                if (full[name] is JValue v && name is not ("status" or "updatedAt"))
                    Assert.That(lean[name], Is.EqualTo(v), name);
            }
        });
    }

    [TestCase("Deployment")]
    [TestCase("Cluster")]
    [TestCase("Deploy")]
    [TestCase("Workspace")]
    public async Task Null_Get_SendsEveryOptionalFieldAsNull(string kind)
    {
        var (path, type) = await CreateOne(kind);
        var full = (await Api.Get(path)).Json;
        await Sim.Control.SetResponsesAsync("null");
        var nulls = (await Api.Get(path)).Json;

        var optional = Optional(type);
        Assert.Multiple(() =>
        {
            Assert.That(nulls.Properties().Select(p => p.Name),
                Is.EquivalentTo(full.Properties().Select(p => p.Name).Where(n => !optional.Contains(n)).Concat(optional)));
            foreach (var name in optional) Assert.That(nulls[name]!.Type, Is.EqualTo(JTokenType.Null), name);
            foreach (var name in Required(type)) Assert.That(nulls[name], Is.Not.Null.And.Property("Type").Not.EqualTo(JTokenType.Null), name);
        });
    }

    [Test]
    public async Task Lean_NestedObjectsAndArrayItems_AreLeanToo()
    {
        await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, "one"));
        await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, "two"));
        await Sim.Control.SetResponsesAsync("lean");
        var list = (await Api.Get("deployments")).Json;
        var items = (JArray)list["deployments"]!;
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(list.Properties().Select(p => p.Name), Is.EquivalentTo(Required("DeploymentsPaginated")));
        foreach (var item in items.Cast<JObject>())
        {
            Assert.That(item.Properties().Select(p => p.Name), Has.None.Matches<string>(Optional("Deployment").Contains));
            // createdBy is a required BasicSubjectProfile whose only required field is its id.
            Assert.That(((JObject)item["createdBy"]!).Properties().Select(p => p.Name), Is.EquivalentTo(Required("BasicSubjectProfile")));
        }
        Assert.That(items[0]!["workerQueues"], Is.Null, "workerQueues is optional on Deployment");
        Assert.That(items[0]!["type"], Is.Null, "type is optional on Deployment");
    }

    [Test]
    public async Task Lean_Answers_StoredStateStaysFull()
    {
        var id = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        await Sim.Control.SetResponsesAsync("lean");
        var lean = (await Api.Get($"deployments/{id}")).Json;
        await Sim.Control.SetResponsesAsync("full");
        var full = (await Api.Get($"deployments/{id}")).Json;
        Assert.That(lean["workerQueues"], Is.Null);
        Assert.That((string?)full["workerQueues"]![0]!["name"], Is.EqualTo("default"));
        Assert.That((string?)full["region"], Is.EqualTo("us-east-1"));
    }

    [TestCase("full")]
    [TestCase("null")]
    public async Task Lean_RequestAsksForAnotherMode_ThatAnswerOnlyInIt(string asked)
    {
        var id = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        await Sim.Control.SetResponsesAsync("lean");
        var observed = await Api.Send(HttpMethod.Get, $"deployments/{id}", null, r => r.Headers.Add("X-Astro-Sim-Responses", asked));
        var plain = (await Api.Get($"deployments/{id}")).Json;

        Assert.That(observed.Json.ContainsKey("workerQueues"), Is.True, "the header's mode keeps (or nulls) the optional field");
        Assert.That(observed.Json["workerQueues"]!.Type, Is.EqualTo(asked == "full" ? JTokenType.Array : JTokenType.Null));
        Assert.That(plain.ContainsKey("workerQueues"), Is.False, "other requests still get the current mode");
        var logged = (await Sim.Control.RequestsAsync()).Where(r => r.Method == "GET" && r.Path.EndsWith(id, StringComparison.Ordinal)).Select(r => r.Responses);
        Assert.That(logged, Is.EqualTo(new[] { asked, "lean" }));
    }

    [Test]
    public async Task Lean_ClusterAndDeploymentLifecycles_Complete()
    {
        await Sim.Control.SetResponsesAsync("lean");
        var cluster = await Api.Post("clusters", Bodies.AwsCluster());
        Assert.That(cluster.Status, Is.EqualTo(200), cluster.ToString());
        var clusterId = (string)cluster.Json["id"]!;
        await Api.WaitFor($"clusters/{clusterId}", c => (string?)c["status"] == "CREATED", TimeSpan.FromSeconds(60));

        var created = await Api.Post("deployments", Bodies.Dedicated(Sim.WorkspaceId, clusterId));
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        Assert.That((string?)created.Json["status"], Is.EqualTo("CREATING"));
        var id = (string)created.Json["id"]!;
        var healthy = await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] == "HEALTHY", TimeSpan.FromSeconds(60));
        Assert.That(healthy["clusterId"], Is.Null, "lean: clusterId is optional on Deployment");

        var update = Bodies.Dedicated(Sim.WorkspaceId, clusterId);
        update.Remove("clusterId");
        update["isCicdEnforced"] = false;
        update["isDagDeployEnabled"] = true;
        update["name"] = "renamed";
        var updated = await Api.Post($"deployments/{id}", update);
        Assert.That(updated.Status, Is.EqualTo(200), updated.ToString());
        Assert.That((string?)updated.Json["status"], Is.EqualTo("DEPLOYING"));
        Assert.That((string?)(await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] == "HEALTHY", TimeSpan.FromSeconds(60)))["name"], Is.EqualTo("renamed"));

        Assert.That((await Api.Delete($"deployments/{id}")).Status, Is.EqualTo(204));
        await Api.WaitForGone($"deployments/{id}", TimeSpan.FromSeconds(60));
        Assert.That((await Api.Delete($"clusters/{clusterId}")).Status, Is.EqualTo(204));
        await Api.WaitForGone($"clusters/{clusterId}", TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task Lean_ErrorAnswers_KeepTheirFieldErrors()
    {
        await Sim.Control.SetResponsesAsync("lean");
        var reply = await Api.Post("deployments", Bodies.Change(Bodies.Standard(Sim.WorkspaceId), "-name"));
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.ErrorFields, Does.Contain("name"), "only success answers are shaped");
    }

    [Test]
    public async Task SetResponses_ThenReset_BackToTheStartupMode()
    {
        await Sim.Control.SetResponsesAsync("null");
        await Sim.Control.ResetAsync();
        var ws = (await Api.Get($"workspaces/{Sim.WorkspaceId}")).Json;
        Assert.That((string?)ws["description"], Is.EqualTo("Seeded by astro-sim"));
    }

    [Test]
    public void SetResponses_UnknownMode_Refused() =>
        Assert.That(async () => await Sim.Control.SetResponsesAsync("skinny"),
            Throws.InvalidOperationException.With.Message.Contains("400").And.Message.Contains("full, lean or null"));

    [Test]
    public async Task SetResponses_StartedWithoutModel_RefusedWithReason()
    {
        await using var sim = await SimServer.StartAsync(o => o.ModelPath = null);
        Assert.That(async () => await sim.Control.SetResponsesAsync("lean"),
            Throws.InvalidOperationException.With.Message.Contains("400").And.Message.Contains("--model"));
        await sim.Control.SetResponsesAsync("full");
    }

    [Test]
    public void Start_LeanWithoutModel_ThrowsClearError() =>
        Assert.That(async () => await SimServer.StartAsync(o =>
        {
            o.ModelPath = null;
            o.Responses = ResponseMode.Lean;
        }), Throws.ArgumentException.With.Message.Contains("--responses lean needs --model"));

    [Test]
    public void Start_ModelFileMissing_ThrowsNamingTheFile() =>
        Assert.That(async () => await SimServer.StartAsync(o => o.ModelPath = "/nonexistent/astro-v1-model.json"),
            Throws.ArgumentException.With.Message.Contains("/nonexistent/astro-v1-model.json"));
}
