using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The model validator finds each kind of violation, and only real ones.</summary>
public sealed class ModelValidatorTests
{
    private const string Deployments = "/v1/organizations/corg/deployments";
    private const string ValidStandard =
        """{"type":"STANDARD","name":"d","workspaceId":"cws","cloudProvider":"AWS","region":"us-east-1","workerQueues":[{"name":"default","isDefault":true,"astroMachine":"A5","minWorkerCount":0,"maxWorkerCount":10,"workerConcurrency":5}]}""";

    private static readonly ModelValidator Validator = ModelValidator.Default;

    [Test]
    public void ValidateRequest_ValidStandardCreate_NoViolations() =>
        Assert.That(Validator.ValidateRequest("POST", Deployments, "", ValidStandard), Is.Empty);

    [TestCase("""{"type":"STANDARD","workspaceId":"cws"}""", ViolationKind.MissingRequired, "body.name")]
    [TestCase("""{"type":"STANDARD","name":"d","workspaceId":"cws","colour":"red"}""", ViolationKind.UnknownField, "body.colour")]
    [TestCase("""{"type":"STANDARD","name":"d","workspaceId":"cws","isHighAvailability":"yes"}""", ViolationKind.WrongType, "body.isHighAvailability")]
    [TestCase("""{"type":"STANDARD","name":"d","workspaceId":"cws","schedulerSize":"HUGE"}""", ViolationKind.UnknownEnumValue, "body.schedulerSize")]
    [TestCase("""{"type":"STANDARD","name":null,"workspaceId":"cws"}""", ViolationKind.NullNotAllowed, "body.name")]
    [TestCase("""{"type":"STANDARD","name":"d","workspaceId":"cws","workerQueues":[{"name":"q","isDefault":true,"minWorkerCount":0,"maxWorkerCount":1,"workerConcurrency":1}]}""", ViolationKind.MissingRequired, "body.workerQueues[0].astroMachine")]
    [TestCase("""{"type":"STANDARD","name":"d","workspaceId":"cws","workerQueues":[{"name":"q","isDefault":true,"astroMachine":"A5","minWorkerCount":0.5,"maxWorkerCount":1,"workerConcurrency":1}]}""", ViolationKind.WrongType, "body.workerQueues[0].minWorkerCount")]
    [TestCase("""{"type":"SERVERLESS","name":"d","workspaceId":"cws"}""", ViolationKind.WrongType, "body")]
    [TestCase("""{"name":"d","workspaceId":"cws"}""", ViolationKind.MissingRequired, "body")]
    public void ValidateRequest_BrokenCreate_NamesKindAndPath(string body, ViolationKind kind, string where)
    {
        var violations = Validator.ValidateRequest("POST", Deployments, "", body);
        Assert.That(violations, Has.Exactly(1).Items);
        Assert.That(violations[0].Kind, Is.EqualTo(kind), violations[0].ToString());
        Assert.That(violations[0].Where, Is.EqualTo(where));
        Assert.That(violations[0].Operation, Is.EqualTo("CreateDeployment"));
    }

    [TestCase("?limit=5&offset=0&sorts=name:asc&sorts=createdAt:desc", null)]
    [TestCase("?page=2", ViolationKind.UnknownQueryParameter)]
    [TestCase("?limit=many", ViolationKind.WrongType)]
    [TestCase("?sorts=colour:asc", ViolationKind.UnknownEnumValue)]
    public void ValidateRequest_ListQuery_ChecksParameters(string query, ViolationKind? kind)
    {
        var violations = Validator.ValidateRequest("GET", Deployments, query, null);
        Assert.That(violations.Select(v => (ViolationKind?)v.Kind), kind is null ? Is.Empty : Is.EqualTo(new[] { kind }));
    }

    [Test]
    public void ValidateRequest_RequiredQueryMissing_Reported() =>
        Assert.That(Validator.ValidateRequest("GET", "/v1/organizations/corg/cluster-options", "", null).Select(v => (v.Kind, v.Where)),
            Is.EqualTo(new[] { (ViolationKind.MissingRequired, "query.type") }));

    [Test]
    public void ValidateRequest_BodyOnGetOrNoneOnPost_Reported()
    {
        Assert.That(Validator.ValidateRequest("GET", $"{Deployments}/cdep", "", "{}").Single().Kind, Is.EqualTo(ViolationKind.UnexpectedBody));
        Assert.That(Validator.ValidateRequest("POST", Deployments, "", null).Single().Kind, Is.EqualTo(ViolationKind.MissingBody));
    }

    [Test]
    public void Match_LiteralSegment_WinsOverParameter()
    {
        Assert.That(Validator.Model.Match("GET", "/v1/organizations/corg/deployment-options")?.Name, Is.EqualTo("GetDeploymentOptions"));
        Assert.That(Validator.Model.Match("GET", "/organizations/corg/deployments/cdep")?.Name, Is.EqualTo("GetDeployment"));
        Assert.That(Validator.Model.Match("PUT", "/organizations/corg/deployments/cdep"), Is.Null);
        Assert.That(Validator.ValidateRequest("GET", "/v1/nowhere", "", null).Single().Kind, Is.EqualTo(ViolationKind.UnknownOperation));
    }

    [Test]
    public void ValidateResponse_NewEnumValue_ReportedApartFromTypeErrors()
    {
        const string body = """{"isHibernating":true,"isActive":"yes","overrideUntil":"tomorrow"}""";
        var violations = Validator.ValidateResponse("POST", $"{Deployments}/cdep/hibernation-override", 200, body);
        Assert.That(violations.Select(v => (v.Kind, v.Where)), Is.EquivalentTo(new[]
        {
            (ViolationKind.WrongType, "response.isActive"),
            (ViolationKind.WrongType, "response.overrideUntil"),
        }));

        var cluster = Validator.ValidateResponse("GET", "/v1/organizations/corg/clusters/ccl", 200,
            """{"id":"c","name":"n","organizationId":"o","cloudProvider":"ORACLE","type":"DEDICATED","region":"r","vpcSubnetRange":"10.0.0.0/16","dbInstanceType":"db","drRegion":"","isDrEnabled":false,"status":"PROVISIONING","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00.123456Z"}""");
        Assert.That(cluster.Select(v => (v.Kind, v.Where)), Is.EquivalentTo(new[]
        {
            (ViolationKind.UnknownEnumValue, "response.cloudProvider"),
            (ViolationKind.UnknownEnumValue, "response.status"),
        }));
    }

    [Test]
    public void ValidateResponse_ErrorStatus_CheckedAgainstErrorBody()
    {
        Assert.That(Validator.ValidateResponse("GET", $"{Deployments}/cdep", 404, """{"message":"m","requestId":"r","statusCode":404}"""), Is.Empty);
        Assert.That(Validator.ValidateResponse("GET", $"{Deployments}/cdep", 429, """{"message":"m","statusCode":429}""").Single().Where,
            Is.EqualTo("response.requestId"), "a status the operation does not list is still Astro's Error body");
        Assert.That(Validator.ValidateResponse("DELETE", $"{Deployments}/cdep", 204, null), Is.Empty);
        Assert.That(Validator.ValidateResponse("DELETE", $"{Deployments}/cdep", 204, "{}").Single().Kind, Is.EqualTo(ViolationKind.UnexpectedBody));
        Assert.That(Validator.ValidateResponse("GET", $"{Deployments}/cdep", 200, "{not json").Single().Kind, Is.EqualTo(ViolationKind.InvalidJson));
    }

    [Test]
    public void ValidateResponse_OptionalFieldNullOrAbsent_Accepted()
    {
        const string deploy = """{"id":"d","deploymentId":"cdep","type":"DAG_ONLY","status":"DEPLOYED","imageRepository":"r","imageTag":"t","isDagDeployEnabled":true,"createdAt":"2026-01-01T00:00:00Z","description":null,"git":null}""";
        Assert.That(Validator.ValidateResponse("GET", $"{Deployments}/cdep/deploys/d", 200, deploy), Is.Empty);
    }
}
