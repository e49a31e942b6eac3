using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class DeployTests : SimFixture
{
    private async Task<string> HealthyDeployment(bool dagDeploys = true)
    {
        var body = Bodies.Standard(Sim.WorkspaceId);
        body["isDagDeployEnabled"] = dagDeploys;
        var id = (string)(await Api.Post("deployments", body)).Json["id"]!;
        await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] == "HEALTHY");
        return id;
    }

    private async Task<(int Status, string? Version)> Upload(string url, byte[] data, string? blobType = "BlockBlob")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(data) };
        if (blobType is not null) request.Headers.Add("x-ms-blob-type", blobType);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.TryGetValues("x-ms-version-id", out var v) ? v.Single() : null);
    }

    private async Task<(string DeployId, string Version)> ShipDags(string deploymentId, byte[] data)
    {
        var deploy = await Api.Post($"deployments/{deploymentId}/deploys", new JObject { ["type"] = "DAG_ONLY", ["description"] = "ship" });
        Assert.That(deploy.Status, Is.EqualTo(200), deploy.ToString());
        var (status, version) = await Upload((string)deploy.Json["dagsUploadUrl"]!, data);
        Assert.That(status, Is.EqualTo(201));
        var id = (string)deploy.Json["id"]!;
        var finalized = await Api.Post($"deployments/{deploymentId}/deploys/{id}/finalize", new JObject { ["dagTarballVersion"] = version });
        Assert.That(finalized.Status, Is.EqualTo(200), finalized.ToString());
        return (id, version!);
    }

    [Test]
    public async Task DagDeploy_UploadFinalize_DeployedAndDeploymentConverges()
    {
        var dep = await HealthyDeployment();
        await Sim.Control.SetTimingsAsync(deploySeconds: 0.5);
        var created = await Api.Post($"deployments/{dep}/deploys", new JObject
        {
            ["type"] = "DAG_ONLY",
            ["git"] = new JObject { ["provider"] = "GITHUB", ["commitSha"] = "abc123", ["account"] = "acme", ["repo"] = "dags" },
        });
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)created.Json["status"], Is.EqualTo("INITIALIZED"));
            Assert.That((string?)created.Json["dagsUploadUrl"], Does.StartWith(Sim.BaseUrl.ToString().TrimEnd('/') + "/_blob/dags/"));
            Assert.That((string?)created.Json["imageTag"], Does.StartWith("deploy-"));
            Assert.That((string?)created.Json["git"]!["repo"], Is.EqualTo("dags"));
        });
        var id = (string)created.Json["id"]!;
        var bytes = Encoding.UTF8.GetBytes("not really a tarball \u0000\u00ff");
        var (status, version) = await Upload((string)created.Json["dagsUploadUrl"]!, bytes);
        Assert.That(status, Is.EqualTo(201));
        Assert.That(version, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$"));
        Assert.That(await Sim.Control.GetBlobAsync(id), Is.EqualTo(bytes), "the uploaded bytes arrive intact");

        var finalized = await Api.Post($"deployments/{dep}/deploys/{id}/finalize", new JObject { ["dagTarballVersion"] = version });
        Assert.That(finalized.Status, Is.EqualTo(200), finalized.ToString());
        Assert.That((string?)finalized.Json["dagTarballVersion"], Is.EqualTo(version));
        var rolling = (await Api.Get($"deployments/{dep}")).Json;
        Assert.That((string?)rolling["status"], Is.EqualTo("DEPLOYING"));
        Assert.That((string?)rolling["desiredDagTarballVersion"], Is.EqualTo(version));
        Assert.That((string?)rolling["dagTarballVersion"], Is.Not.EqualTo(version));

        await Api.WaitFor($"deployments/{dep}/deploys/{id}", d => (string?)d["status"] == "DEPLOYED");
        var settled = await Api.WaitFor($"deployments/{dep}", d => (string?)d["status"] == "HEALTHY");
        Assert.That((string?)settled["dagTarballVersion"], Is.EqualTo(version));
        Assert.That((string?)settled["desiredDagTarballVersion"], Is.EqualTo(version));
    }

    [Test]
    public async Task Finalize_Twice_Returns400()
    {
        var dep = await HealthyDeployment();
        var (id, version) = await ShipDags(dep, [1, 2, 3]);
        var again = await Api.Post($"deployments/{dep}/deploys/{id}/finalize", new JObject { ["dagTarballVersion"] = version });
        Assert.That(again.Status, Is.EqualTo(400));
    }

    [TestCase(null, "required")]
    [TestCase("2020-01-01T00:00:00.0000000Z", "invalid")]
    public async Task Finalize_DagVersionMissingOrNotUploaded_Returns400(string? version, string code)
    {
        var dep = await HealthyDeployment();
        var id = (string)(await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "DAG_ONLY" })).Json["id"]!;
        var body = new JObject();
        if (version is not null) body["dagTarballVersion"] = version;
        var reply = await Api.Post($"deployments/{dep}/deploys/{id}/finalize", body);
        Assert.That(reply.Code("dagTarballVersion"), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task ImageDeploy_Finalize_SetsImageTagOnDeployment()
    {
        var dep = await HealthyDeployment(dagDeploys: false);
        var created = await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "IMAGE_ONLY" });
        Assert.That(created.Json["dagsUploadUrl"], Is.Null, "no upload URL without DAG deploys (§8.1)");
        var id = (string)created.Json["id"]!;
        // The CLI pushes the image to <imageRepository>:<imageTag> before finalize (§7.4).
        await Sim.Registry.PushAsync((string)created.Json["imageRepository"]!, (string)created.Json["imageTag"]!, Testing.SimRegistry.Manifest("image"));
        Assert.That((await Api.Post($"deployments/{dep}/deploys/{id}/finalize", new JObject())).Status, Is.EqualTo(200));
        var d = await Api.WaitFor($"deployments/{dep}", x => (string?)x["status"] == "HEALTHY" && (string?)x["imageTag"] != "");
        Assert.That((string?)d["imageTag"], Is.EqualTo((string?)created.Json["imageTag"]));
    }

    [TestCase("type=DAG_ONLY", false, "type", "invalid")]
    [TestCase("type=BUNDLE", true, "bundleMountPath", "required")]
    [TestCase("bundleType=dbt", true, "bundleType", "not_allowed")]
    [TestCase("type=ZIP", true, "type", "oneof")]
    [TestCase("-type", true, "type", "required")]
    [TestCase("git={\"provider\":\"GITHUB\",\"commitSha\":\"a\"}", true, "git.account", "required")]
    [TestCase("git={\"provider\":\"GENERIC\",\"commitSha\":\"a\",\"repo\":\"r\",\"remoteUrl\":\"https://x\"}", true, "git.repo", "not_allowed")]
    [TestCase("git={\"provider\":\"GITLAB\",\"commitSha\":\"a\"}", true, "git.provider", "oneof")]
    [TestCase("git={\"provider\":\"GITHUB\",\"account\":\"a\",\"repo\":\"r\"}", true, "git.commitSha", "required")]
    public async Task CreateDeploy_RuleBroken_Returns400NamingField(string change, bool dagDeploys, string field, string code)
    {
        var dep = await HealthyDeployment(dagDeploys);
        var reply = await Api.Post($"deployments/{dep}/deploys", Bodies.Change(new JObject { ["type"] = "IMAGE_AND_DAG" }, change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task Bundle_UploadAndFinalize_ReportsBundleVersion()
    {
        var dep = await HealthyDeployment();
        var created = await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "BUNDLE", ["bundleType"] = "dbt", ["bundleMountPath"] = "/usr/local/airflow/dbt" });
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        var (status, version) = await Upload((string)created.Json["bundleUploadUrl"]!, [9, 9]);
        Assert.That(status, Is.EqualTo(201));
        var id = (string)created.Json["id"]!;
        Assert.That((await Api.Post($"deployments/{dep}/deploys/{id}/finalize", new JObject { ["bundleTarballVersion"] = version })).Status, Is.EqualTo(200));
        var done = await Api.WaitFor($"deployments/{dep}/deploys/{id}", d => (string?)d["status"] == "DEPLOYED");
        Assert.That((string?)done["bundles"]![0]!["currentVersion"], Is.EqualTo(version));
    }

    [Test]
    public async Task Upload_BadSignatureOrMissingBlobType_Rejected()
    {
        var dep = await HealthyDeployment();
        var url = (string)(await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "DAG_ONLY" })).Json["dagsUploadUrl"]!;
        Assert.That((await Upload(url, [1], blobType: null)).Status, Is.EqualTo(400));
        Assert.That((await Upload(url.Replace("sig=", "sig=x"), [1])).Status, Is.EqualTo(403));
    }

    [Test]
    public async Task Rollback_ToEarlierDeploy_NewDeployCarriesRollbackFromId()
    {
        var dep = await HealthyDeployment();
        var (first, firstVersion) = await ShipDags(dep, [1]);
        await Api.WaitFor($"deployments/{dep}/deploys/{first}", d => (string?)d["status"] == "DEPLOYED");
        var (second, _) = await ShipDags(dep, [2]);
        await Api.WaitFor($"deployments/{dep}/deploys/{second}", d => (string?)d["status"] == "DEPLOYED");

        var rollback = await Api.Post($"deployments/{dep}/deploys/{first}/rollback", new JObject { ["description"] = "bad DAG" });
        Assert.That(rollback.Status, Is.EqualTo(200), rollback.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)rollback.Json["id"], Is.Not.EqualTo(first).And.Not.EqualTo(second));
            Assert.That((string?)rollback.Json["rollbackFromId"], Is.EqualTo(second));
            Assert.That((string?)rollback.Json["dagTarballVersion"], Is.EqualTo(firstVersion));
            Assert.That((string?)rollback.Json["description"], Is.EqualTo("bad DAG"));
        });
        var d = await Api.WaitFor($"deployments/{dep}", x => (string?)x["status"] == "HEALTHY" && (string?)x["dagTarballVersion"] == firstVersion);
        Assert.That((string?)d["desiredDagTarballVersion"], Is.EqualTo(firstVersion));
        var list = (await Api.Get($"deployments/{dep}/deploys")).Json;
        Assert.That((int)list["totalCount"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task Rollback_ToCurrentOrUndeployed_Returns400()
    {
        var dep = await HealthyDeployment();
        var (first, _) = await ShipDags(dep, [1]);
        await Api.WaitFor($"deployments/{dep}/deploys/{first}", d => (string?)d["status"] == "DEPLOYED");
        Assert.That((await Api.Post($"deployments/{dep}/deploys/{first}/rollback", new JObject())).Status, Is.EqualTo(400));
        var pending = (string)(await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "DAG_ONLY" })).Json["id"]!;
        Assert.That((await Api.Post($"deployments/{dep}/deploys/{pending}/rollback", new JObject())).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Get_ForcedFailed_ReportsFailed()
    {
        var dep = await HealthyDeployment();
        var (id, _) = await ShipDags(dep, [1]);
        await Sim.Control.ForceStatusAsync("deploy", id, "FAILED");
        Assert.That((string?)(await Api.Get($"deployments/{dep}/deploys/{id}")).Json["status"], Is.EqualTo("FAILED"));
    }

    [Test]
    public async Task Update_Description_OnlyEditableField()
    {
        var dep = await HealthyDeployment();
        var id = (string)(await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = "DAG_ONLY" })).Json["id"]!;
        var reply = await Api.Post($"deployments/{dep}/deploys/{id}", new JObject { ["description"] = "edited" });
        Assert.That((string?)reply.Json["description"], Is.EqualTo("edited"));
        var bad = await Api.Post($"deployments/{dep}/deploys/{id}", new JObject { ["type"] = "IMAGE_ONLY" });
        Assert.That(bad.Code("type"), Is.EqualTo("unknown_field"));
    }

    [Test]
    public async Task Get_DeployOfOtherDeployment_Returns404()
    {
        var a = await HealthyDeployment();
        var b = await HealthyDeployment();
        var id = (string)(await Api.Post($"deployments/{a}/deploys", new JObject { ["type"] = "DAG_ONLY" })).Json["id"]!;
        Assert.That((await Api.Get($"deployments/{b}/deploys/{id}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Get($"deployments/cnosuchdeployment00000000/deploys")).Status, Is.EqualTo(404));
        Assert.That((await Api.Get($"deployments/{a}/deploys?sorts=name:asc")).Status, Is.EqualTo(400), "deploys take no sorts (§1.3)");
    }
}
