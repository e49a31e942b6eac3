using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client.Tests;

/// <summary>The models' JSON shape (API fact sheet §3–§6), checked without a server.</summary>
public sealed class ModelSerializationTests
{
    // Read back without date parsing, so the test sees the exact strings the client wrote.
    private static JObject Json(object request) =>
        JsonConvert.DeserializeObject<JObject>(AstroJson.Serialize(request), new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;

    [Test]
    public void Deserialize_UnknownEnumValue_KeepsItAndWritesItBack()
    {
        var deploy = AstroJson.Deserialize<Deploy>("""{"id":"d1","type":"IMAGE_AND_BUNDLE","status":"ROLLING_BACK","createdAt":"2026-01-05T09:00:00Z"}""");

        Assert.That(deploy.Status.Value, Is.EqualTo("ROLLING_BACK"));
        Assert.That(deploy.Status.IsKnown, Is.False);
        Assert.That(deploy.Type, Is.EqualTo(new DeployType("IMAGE_AND_BUNDLE")));
        Assert.That(Json(deploy)["status"]!.ToString(), Is.EqualTo("ROLLING_BACK"));
    }

    [Test]
    public void Deserialize_KnownEnumValue_EqualsStaticMember()
    {
        var deployment = AstroJson.Deserialize<Deployment>("""{"status":"HEALTHY","type":"STANDARD","executor":"CELERY"}""");

        Assert.That(deployment.Status, Is.EqualTo(DeploymentStatus.Healthy));
        Assert.That(deployment.Status.IsKnown, Is.True);
        Assert.That(deployment.Type, Is.EqualTo(DeploymentType.Standard));
        Assert.That(deployment.Executor, Is.EqualTo(Executor.Celery));
    }

    [Test]
    public void Deserialize_OptionalEnumAbsentOrNull_IsNull()
    {
        var absent = AstroJson.Deserialize<Deployment>("""{"status":"HEALTHY"}""");
        var explicitNull = AstroJson.Deserialize<Deployment>("""{"status":"HEALTHY","type":null}""");

        Assert.That(absent.Type, Is.Null);
        Assert.That(explicitNull.Type, Is.Null);
    }

    [Test]
    public void Deserialize_UnknownField_IsIgnored()
    {
        var workspace = AstroJson.Deserialize<Workspace>("""{"id":"w1","name":"n","someFieldAstroAddsLater":{"x":1}}""");

        Assert.That(workspace.Id, Is.EqualTo("w1"));
    }

    private static IEnumerable<TestCaseData> Unions()
    {
        yield return new TestCaseData(TestData.AwsCluster("c"), "cloudProvider", "AWS").SetName("Serialize_CreateAwsCluster_WritesCloudProvider");
        yield return new TestCaseData(new CreateAzureClusterRequest { Type = ClusterType.Dedicated, Name = "c", Region = "eastus2", VpcSubnetRange = "172.20.0.0/19" },
            "cloudProvider", "AZURE").SetName("Serialize_CreateAzureCluster_WritesCloudProvider");
        yield return new TestCaseData(new CreateGcpClusterRequest
        {
            Type = ClusterType.Dedicated, Name = "c", Region = "us-central1", VpcSubnetRange = "172.20.0.0/22",
            PodSubnetRange = "172.21.0.0/19", ServiceSubnetRange = "172.22.0.0/22", ServicePeeringRange = "172.23.0.0/20",
        }, "cloudProvider", "GCP").SetName("Serialize_CreateGcpCluster_WritesCloudProvider");
        yield return new TestCaseData(new UpdateDedicatedClusterRequest { Name = "c", K8sTags = [] }, "clusterType", "DEDICATED")
            .SetName("Serialize_UpdateDedicatedCluster_WritesClusterType");
        yield return new TestCaseData(new UpdateHybridClusterRequest(), "clusterType", "HYBRID").SetName("Serialize_UpdateHybridCluster_WritesClusterType");
        yield return new TestCaseData(TestData.StandardDeployment("w", "d"), "type", "STANDARD").SetName("Serialize_CreateStandardDeployment_WritesType");
        yield return new TestCaseData(TestData.DedicatedDeployment("w", "c", "d"), "type", "DEDICATED").SetName("Serialize_CreateDedicatedDeployment_WritesType");
        yield return new TestCaseData(new CreateHybridDeploymentRequest { Name = "d", WorkspaceId = "w" }, "type", "HYBRID")
            .SetName("Serialize_CreateHybridDeployment_WritesType");
        yield return new TestCaseData(new UpdateHybridDeploymentRequest
        {
            Name = "d", WorkspaceId = "w", Executor = Executor.Celery, IsCicdEnforced = false, IsDagDeployEnabled = false,
            EnvironmentVariables = [], Scheduler = new UpdateDeploymentInstanceSpecRequest { Au = 5, Replicas = 1 },
        }, "type", "HYBRID").SetName("Serialize_UpdateHybridDeployment_WritesType");
    }

    [TestCaseSource(nameof(Unions))]
    public void Serialize_UnionVariant_WritesDiscriminatorFirst(object request, string property, string value)
    {
        var json = Json(request);

        Assert.That(json[property]!.ToString(), Is.EqualTo(value));
        Assert.That(json.Properties().First().Name, Is.EqualTo(property));
    }

    [Test]
    public void Serialize_UpdateDeployment_SendsRequiredFalseAndEmptyFields()
    {
        var json = Json(new UpdateDedicatedDeploymentRequest
        {
            Name = "d",
            WorkspaceId = "w",
            Executor = Executor.Astro,
            IsCicdEnforced = false,
            IsDagDeployEnabled = false,
            IsHighAvailability = false,
            SchedulerSize = SchedulerSize.ExtraLarge,
            EnvironmentVariables = [],
        });

        Assert.That(json["isCicdEnforced"]!.Value<bool>(), Is.False);
        Assert.That(json["isHighAvailability"]!.Value<bool>(), Is.False);
        Assert.That(json["environmentVariables"], Is.InstanceOf<JArray>().And.Empty);
        Assert.That(json["schedulerSize"]!.ToString(), Is.EqualTo("EXTRA_LARGE"));
    }

    [Test]
    public void Serialize_AbsentOptionalFields_AreNotSent()
    {
        var json = Json(new CreateStandardDeploymentRequest { Name = "d", WorkspaceId = "w" });

        Assert.That(json.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "type", "name", "workspaceId" }));
    }

    [Test]
    public void Serialize_SecretVariableWithoutValue_SendsNoValue()
    {
        var json = Json(new DeploymentEnvironmentVariableRequest { Key = "S", IsSecret = true });

        Assert.That(json.ContainsKey("value"), Is.False);
        Assert.That(json["isSecret"]!.Value<bool>(), Is.True);
    }

    [Test]
    public void Serialize_VariableWithEmptyValue_SendsEmptyValue()
    {
        var json = Json(new DeploymentEnvironmentVariableRequest { Key = "E", IsSecret = false, Value = "" });

        Assert.That(json["value"]!.ToString(), Is.EqualTo(""));
    }

    [Test]
    public void Deserialize_SecretVariableWithoutValue_IsDistinctFromEmptyValue()
    {
        var secret = AstroJson.Deserialize<DeploymentEnvironmentVariable>("""{"key":"S","isSecret":true,"updatedAt":"2026-01-05T09:00:00Z"}""");
        var empty = AstroJson.Deserialize<DeploymentEnvironmentVariable>("""{"key":"E","isSecret":false,"updatedAt":"2026-01-05T09:00:00Z","value":""}""");

        Assert.That(secret.Value, Is.Null);
        Assert.That(secret.HasValue, Is.False);
        Assert.That(empty.Value, Is.EqualTo(""));
        Assert.That(empty.HasValue, Is.True);
    }

    [Test]
    public void Deserialize_TimestampLikeVersionString_StaysByteForByte()
    {
        // A blob version id looks like a timestamp (§5.6) but must not be reparsed or reformatted.
        var deploy = AstroJson.Deserialize<Deploy>("""{"dagTarballVersion":"2024-01-12T18:32:20.5898930Z","description":"2024-01-12T18:32:20Z"}""");

        Assert.That(deploy.DagTarballVersion, Is.EqualTo("2024-01-12T18:32:20.5898930Z"));
        Assert.That(deploy.Description, Is.EqualTo("2024-01-12T18:32:20Z"));
    }

    [Test]
    public void Serialize_Timestamp_IsUtcWithZ()
    {
        var json = Json(new OverrideDeploymentHibernationRequest
        {
            IsHibernating = true,
            OverrideUntil = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)),
        });

        Assert.That(json["overrideUntil"]!.ToString(), Is.EqualTo("2029-12-31T22:00:00Z"));
    }

    [Test]
    public void Deserialize_Timestamp_ReadsRfc3339()
    {
        var deployment = AstroJson.Deserialize<Deployment>("""{"createdAt":"2026-01-05T09:00:00.25Z"}""");

        Assert.That(deployment.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 5, 9, 0, 0, 250, TimeSpan.Zero)));
    }

    [Test]
    public void Deserialize_ErrorBody_ReadsFieldErrors()
    {
        var body = AstroJson.Deserialize<AstroErrorBody>(
            """{"message":"invalid","requestId":"r1","statusCode":400,"fieldErrors":[{"field":"name","code":"required","message":"is required"}]}""");

        Assert.That(body.FieldErrors, Has.Count.EqualTo(1));
        Assert.That(body.FieldErrors![0].ToString(), Is.EqualTo("name: is required"));
    }
}
