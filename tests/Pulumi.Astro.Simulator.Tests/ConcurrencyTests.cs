using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class ConcurrencyTests : SimFixture
{
    [Test]
    public async Task Create_ManyWritersAtOnce_AllDistinctAndListed()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, $"d{i}"))));
        Assert.That(replies.Select(r => r.Status), Is.All.EqualTo(200));
        Assert.That(replies.Select(r => (string)r.Json["id"]!).Distinct().Count(), Is.EqualTo(60));
        Assert.That((int)(await Api.Get("deployments?limit=1000")).Json["totalCount"]!, Is.EqualTo(60));
    }

    [Test]
    public async Task Update_ConcurrentWritersToOneObject_SerializedNoLostEnvironmentVariables()
    {
        var created = (await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json;
        var id = (string)created["id"]!;
        // Each writer renames the deployment; updates are full replacements, so the last one wins whole: the final
        // object must equal exactly one writer's request, never a mix of two.
        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
        {
            var body = Bodies.UpdateOf(created);
            body["name"] = $"writer-{i}";
            body["environmentVariables"] = new JArray(new JObject { ["key"] = "WRITER", ["value"] = $"{i}", ["isSecret"] = false });
            return Api.Post($"deployments/{id}", body);
        }));
        Assert.That(replies.Select(r => r.Status), Is.All.EqualTo(200));
        var final = (await Api.Get($"deployments/{id}")).Json;
        var writer = ((string)final["name"]!)["writer-".Length..];
        Assert.That((string?)final["environmentVariables"]!.Single()["value"], Is.EqualTo(writer));
    }

    [Test]
    public async Task Finalize_RacingTwice_ExactlyOneWins()
    {
        var dep = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        var deploy = (await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "DAG_ONLY" })).Json;
        using var http = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, (string)deploy["dagsUploadUrl"]!) { Content = new ByteArrayContent([1]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        var version = (await http.SendAsync(put)).Headers.GetValues("x-ms-version-id").Single();
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Api.Post($"deployments/{dep}/deploys/{deploy["id"]}/finalize", new JObject { ["dagTarballVersion"] = version })));
        Assert.That(replies.Count(r => r.Status == 200), Is.EqualTo(1));
        Assert.That(replies.Count(r => r.Status == 400), Is.EqualTo(7));
    }
}
