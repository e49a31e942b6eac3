using System.Net;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>How Astro's error answers (API fact sheet §1.2) become <see cref="AstroApiException"/>.</summary>
public sealed class ErrorMappingTests : SimTestBase
{
    [Test]
    public void Message_ApiError_ReadsLikeALogLine()
    {
        var e = new AstroApiException("POST", "/v1/organizations/clorg/deployments", HttpStatusCode.BadRequest, "Bad Request",
            "invalid request", "req-123", null);

        Assert.That(e.Message, Is.EqualTo("POST /v1/organizations/clorg/deployments: 400 Bad Request: invalid request (requestId req-123)"));
    }

    [Test]
    public void Message_FieldErrorsAndNoReasonPhrase_ListsFieldsAndUsesStandardPhrase()
    {
        var e = new AstroApiException("POST", "/v1/organizations/clorg/deployments", HttpStatusCode.BadRequest, null,
            "invalid request", "req-123",
            [new AstroFieldError { Field = "name", Code = "required", Message = "is required" },
             new AstroFieldError { Field = "region", Code = "oneof", Message = "is not a region" }]);

        Assert.That(e.Message, Is.EqualTo(
            "POST /v1/organizations/clorg/deployments: 400 Bad Request: invalid request (requestId req-123) [name: is required; region: is not a region]"));
    }

    [Test]
    public void CreateDeployment_InvalidBody_Throws400WithFieldErrorsAndPinnedMessage()
    {
        var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.CreateDeploymentAsync(new CreateStandardDeploymentRequest
        {
            Name = "bad",
            WorkspaceId = Sim.WorkspaceId,
            CloudProvider = CloudProvider.Aws,
            Region = "us-east-1",
            DefaultTaskPodCpu = "0.5",
            DefaultTaskPodMemory = "3Gi", // must be exactly 2 × cpu (§8)
            ResourceQuotaCpu = "10",
            ResourceQuotaMemory = "20Gi",
        }, Ct))!;

        var path = $"/v1/organizations/{Sim.OrganizationId}/deployments";
        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.Method, Is.EqualTo("POST"));
        Assert.That(e.Path, Is.EqualTo(path));
        Assert.That(e.RequestId, Is.Not.Null.And.Not.Empty);
        Assert.That(e.FieldErrors, Is.Not.Empty);
        Assert.That(e.Message, Does.StartWith($"POST {path}: 400 Bad Request: {e.AstroMessage} (requestId {e.RequestId})"));
    }

    [Test]
    public void GetDeployment_UnknownId_Throws404NotFound()
    {
        var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetDeploymentAsync("clnotthere000000000000000", Ct))!;

        Assert.That(e.IsNotFound, Is.True);
        Assert.That(e.Method, Is.EqualTo("GET"));
        Assert.That(e.Path, Is.EqualTo($"/v1/organizations/{Sim.OrganizationId}/deployments/clnotthere000000000000000"));
        Assert.That(e.Message, Does.Match(@"^GET /v1/organizations/\w+/deployments/clnotthere0+: 404 Not Found: .+ \(requestId \S+\)$"));
    }

    [Test]
    public void GetOrganization_WrongToken_Throws401()
    {
        var client = NewClient(token: "not-the-token");

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void GetOrganization_OtherOrganization_Throws403()
    {
        var client = NewClient(organizationId: "clotherorg000000000000001");

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task GetDeployment_IdWithSlashAndQuestionMark_IsEscapedIntoOneSegment()
    {
        var logs = new List<AstroRequestLog>();
        var client = NewClient(logger: logs.Add);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetDeploymentAsync("a/b?c", Ct))!;

        Assert.That(e.IsNotFound, Is.True);
        Assert.That(logs.Single().Url, Does.EndWith("/deployments/a%2Fb%3Fc"));
        // Kestrel decodes %3F in the path it reports but keeps %2F: still one segment, and no query.
        var request = (await RequestsAsync("GET", "a%2Fb?c", atLeast: 1)).Single();
        Assert.That(request.Path, Does.EndWith("/deployments/a%2Fb?c"));
        Assert.That(request.Query, Is.Empty);
    }

    [TestCase(".")]
    [TestCase("..")]
    [TestCase(" ")]
    public void GetDeployment_DotSegmentOrBlankId_ThrowsArgumentException(string id)
    {
        var client = NewClient();

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => client.GetDeploymentAsync(id, Ct));
    }

    [Test]
    public async Task GetOrganization_OneServerError_RetriedAndAnswered()
    {
        var client = NewClient();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/organizations/[^/]+$", Status = 500, Times = 1 });

        var organization = await client.GetOrganizationAsync(false, Ct);

        Assert.That(organization.Id, Is.EqualTo(Sim.OrganizationId));
        Assert.That((await RequestsAsync("GET", Sim.OrganizationId, atLeast: 2)).Select(r => r.Status), Is.EqualTo(new[] { 500, 200 }));
    }

    [Test]
    public async Task GetOrganization_ServerErrorEveryTime_ApiErrorAfterTheAttempts()
    {
        var client = NewClient();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/organizations/[^/]+$", Status = 500, Times = 0 });

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await RequestsAsync("GET", Sim.OrganizationId, atLeast: 2), Has.Count.GreaterThan(1));
    }
}
