using System.Text;
using Flurl.Http.Testing;
using static Pulumi.Astro.Client.Tests.EnvironmentTestData;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The secret values an environment object create or update sends never show in what the client builds from an
/// answer that echoes them. Flurl's <see cref="HttpTest"/> plays an Astro whose error bodies quote the request.
/// </summary>
public sealed class EnvironmentRedactionTests
{
    private static AstroClient NewClient() => new(new AstroClientOptions
    {
        Host = new Uri("https://api.astro.test"),
        OrganizationId = "clorg",
        Token = "tok-0123456789",
        Retry = AstroRetryPolicy.None,
    });

    private static Func<HttpContent> EchoOf(string value, int status) => () => new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(new
    {
        message = $"cannot store '{value}'",
        requestId = "r1",
        statusCode = status,
        fieldErrors = new[] { new { field = "connection.password", code = "invalid", message = $"'{value}' is weak" } },
    }), Encoding.UTF8, "application/json");

    private static IEnumerable<TestCaseData> Calls()
    {
        const string ws = "cws";
        yield return new TestCaseData(Password, (Func<AstroClient, Task>)(c => c.CreateEnvironmentObjectAsync(Connection(ws), CancellationToken.None)))
            .SetName("CreateEnvironmentObject_ConnectionPasswordEchoed_Redacted");
        yield return new TestCaseData(SecretValue, (Func<AstroClient, Task>)(c => c.CreateEnvironmentObjectAsync(SecretVariable(ws), CancellationToken.None)))
            .SetName("CreateEnvironmentObject_SecretVariableEchoed_Redacted");
        yield return new TestCaseData(BearerToken, (Func<AstroClient, Task>)(c => c.CreateEnvironmentObjectAsync(Metrics(ws), CancellationToken.None)))
            .SetName("CreateEnvironmentObject_MetricsTokenEchoed_Redacted");
        yield return new TestCaseData("link-override-pw", (Func<AstroClient, Task>)(c => c.CreateEnvironmentObjectAsync(Connection(ws, links:
        [
            new CreateEnvironmentObjectLinkRequest
            {
                ScopeEntityId = "cdep",
                Overrides = new CreateEnvironmentObjectOverridesRequest { Connection = new EnvironmentObjectConnectionOverridesRequest { Password = "link-override-pw" } },
            },
        ]), CancellationToken.None))).SetName("CreateEnvironmentObject_LinkOverridePasswordEchoed_Redacted");
        yield return new TestCaseData("new-var-value", (Func<AstroClient, Task>)(c => c.UpdateEnvironmentObjectAsync("cobj",
            new UpdateEnvironmentObjectRequest { AirflowVariable = new UpdateEnvironmentObjectVariableRequest { Value = "new-var-value" } }, CancellationToken.None)))
            .SetName("UpdateEnvironmentObject_VariableValueEchoed_RedactedAsItMayBeSecret");
        yield return new TestCaseData("new-basic-pw", (Func<AstroClient, Task>)(c => c.UpdateEnvironmentObjectAsync("cobj",
            new UpdateEnvironmentObjectRequest { MetricsExport = new UpdateEnvironmentObjectMetricsExportRequest { Password = "new-basic-pw" } }, CancellationToken.None)))
            .SetName("UpdateEnvironmentObject_MetricsPasswordEchoed_Redacted");
    }

    [TestCaseSource(nameof(Calls))]
    public void Call_AnswerEchoesTheSecret_NoMessageShowsIt(string secret, Func<AstroClient, Task> call)
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(EchoOf(secret, 400), 400);
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroApiException>(() => call(client))!;

        Assert.That(e.ToString(), Does.Not.Contain(secret));
        Assert.That(e.AstroMessage, Is.EqualTo("cannot store '[redacted]'"));
        Assert.That(e.FieldErrors.Single().Message, Is.EqualTo("'[redacted]' is weak"));
        // The request itself carried it: the redaction is of what comes back, not of what is sent.
        Assert.That(httpTest.CallLog.Single().RequestBody, Does.Contain(secret));
    }

    [Test]
    public void CreateEnvironmentObject_Answered500EchoingThePassword_OutcomeUnknownWithoutIt()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(EchoOf(Password, 500), 500);
        using var client = NewClient();

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateEnvironmentObjectAsync(Connection("cws"), CancellationToken.None))!;

        Assert.That(e.ToString(), Does.Not.Contain(Password));
        Assert.That(e.InnerException!.ToString(), Does.Not.Contain(Password));
    }

    [Test]
    public void Redaction_AfterTheCall_ScopeEnds()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(EchoOf(Password, 400), 400).RespondWith(EchoOf(Password, 400), 400);
        using var client = NewClient();

        Assert.ThrowsAsync<AstroApiException>(() => client.CreateEnvironmentObjectAsync(Connection("cws"), CancellationToken.None));
        var later = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(later.AstroMessage, Does.Contain(Password), "a later call that did not send the secret has nothing to redact");
    }
}
