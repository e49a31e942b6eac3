using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>A remote-execution Deployment's agent tokens: the value only in the create answer, and nothing across Deployments.</summary>
public sealed class AgentTokenTests : InstantSimFixture
{
    private static JObject Body(string name = "agent") => new() { ["name"] = name, ["description"] = "runs tasks on-prem", ["tokenExpiryPeriodInDays"] = 90 };

    [Test]
    public async Task Create_RemoteExecutionDeployment_ValueOnlyInTheCreateAnswer()
    {
        var dep = await RemoteExecutionDeployment();
        var reply = await Api.Post($"deployments/{dep}/agent-tokens", Body());
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var value = (string)reply.Json["token"]!;
        var id = (string)reply.Json["id"]!;
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.Not.Empty);
            Assert.That((string?)reply.Json["scope"], Is.EqualTo("DEPLOYMENT"));
            Assert.That((int?)reply.Json["expiryPeriodInDays"], Is.EqualTo(90));
            Assert.That(reply.Json["endAt"], Is.Not.Null);
        });
        var get = await Api.Get($"deployments/{dep}/agent-tokens/{id}");
        var list = await Api.Get($"deployments/{dep}/agent-tokens");
        Assert.That(get.Json["token"], Is.Null);
        Assert.That(get.Json.ToString() + list.Json.ToString(), Does.Not.Contain(value));
        Assert.That((int)list.Json["totalCount"]!, Is.EqualTo(1));
        using var agent = new Api(Sim, value);
        Assert.That((await agent.Get("workspaces")).Status, Is.EqualTo(401), "an agent token is not an API token");
        Assert.That((await Api.Get($"tokens/{id}")).Status, Is.EqualTo(404), "nor is it listed with them");
    }

    [Test]
    public async Task Create_DeploymentWithoutRemoteExecution_Returns400()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var reply = await Api.Post($"deployments/{dep}/agent-tokens", Body());
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Message, Does.Contain("remote execution"));
    }

    [TestCase("-name", "name", "required")]
    [TestCase("tokenExpiryPeriodInDays=0", "tokenExpiryPeriodInDays", "range")]
    [TestCase("description=false", "description", "invalid_type")]
    [TestCase("role=DEPLOYMENT_ADMIN", "role", "unknown_field")]
    public async Task Create_RuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var dep = await RemoteExecutionDeployment();
        var reply = await Api.Post($"deployments/{dep}/agent-tokens", Bodies.Change(Body(), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int)(await Api.Get($"deployments/{dep}/agent-tokens")).Json["totalCount"]!, Is.Zero);
    }

    [Test]
    public async Task GetAndDelete_OtherDeploymentsToken_Returns404()
    {
        var dep = await RemoteExecutionDeployment();
        var other = await Create("deployments", Bodies.Change(EnvironmentBodies.RemoteExecutionDeployment(Sim.WorkspaceId,
            (string)(await Api.Get($"deployments/{dep}")).Json["clusterId"]!), "name=other"));
        var id = (string)(await Api.Post($"deployments/{dep}/agent-tokens", Body())).Json["id"]!;

        Assert.That((await Api.Get($"deployments/{other}/agent-tokens/{id}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"deployments/{other}/agent-tokens/{id}")).Status, Is.EqualTo(404));
        Assert.That((int)(await Api.Get($"deployments/{other}/agent-tokens")).Json["totalCount"]!, Is.Zero);
        Assert.That((await Api.Get($"deployments/cnosuchdeployment00000000/agent-tokens")).Status, Is.EqualTo(404));
        Assert.That((await Api.Post("deployments/cnosuchdeployment00000000/agent-tokens", Body())).Status, Is.EqualTo(404));

        Assert.That((await Api.Delete($"deployments/{dep}/agent-tokens/{id}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"deployments/{dep}/agent-tokens/{id}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task List_PagedAndSorted()
    {
        var dep = await RemoteExecutionDeployment();
        foreach (var name in new[] { "b", "c", "a" }) await Api.Post($"deployments/{dep}/agent-tokens", Body(name));
        var page = (await Api.Get($"deployments/{dep}/agent-tokens?sorts=name:asc&limit=2&offset=1")).Json;
        Assert.That(page["tokens"]!.Select(t => (string?)t["name"]), Is.EqualTo(new[] { "b", "c" }));
        Assert.That((int)page["totalCount"]!, Is.EqualTo(3));
        Assert.That((await Api.Get($"deployments/{dep}/agent-tokens?sorts=createdById:desc")).Status, Is.EqualTo(200));
        Assert.That((await Api.Get($"deployments/{dep}/agent-tokens?sorts=kind:asc")).Code("sorts"), Is.EqualTo("oneof"));
    }

    [Test]
    public async Task DeleteDeployment_ItsAgentTokensGoWithIt()
    {
        var dep = await RemoteExecutionDeployment();
        var id = (string)(await Api.Post($"deployments/{dep}/agent-tokens", Body())).Json["id"]!;
        await Api.Delete($"deployments/{dep}");
        Assert.That((await Api.Get($"deployments/{dep}/agent-tokens/{id}")).Status, Is.EqualTo(404));
    }
}
