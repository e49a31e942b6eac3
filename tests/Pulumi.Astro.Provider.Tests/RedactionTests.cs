using System.Net;
using System.Text;
using Grpc.Core;
using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>What reaches the engine is redacted (the token, the call's secret inputs) and capped.</summary>
public sealed class RedactionTests
{
    [Test]
    public void SecretsOf_WrappedAtAnyDepthAndSchemaSecretProperties_Found()
    {
        var inputs = Marshal.FromStruct(Struct(
            ("description", Secret(S("wrapped-top"))),
            ("scalingSpec", Obj(("hibernationSpec", Obj(("schedules", List(Obj(("description", Secret(S("wrapped-deep")))))))))),
            ("environmentVariables", List(Obj(("key", S("PLAIN_KEY")), ("value", S("schema-secret-value")), ("isSecret", B(false))))),
            ("name", S("visible-name"))));
        var secrets = Redactor.SecretsOf(Deployment.Schema.Props, inputs);
        Assert.That(secrets, Is.EquivalentTo(new[] { "wrapped-top", "wrapped-deep", "schema-secret-value" }));
    }

    [Test]
    public void Redact_PlainJsonAndUrlForms_Replaced()
    {
        var redactor = new Redactor(["tok-123456", "pa\"ss/wo rd"]);
        var text = "Bearer tok-123456; body {\"v\":\"pa\\\"ss/wo rd\"}; url ?p=pa%22ss%2Fwo%20rd; raw pa\"ss/wo rd";
        Assert.That(redactor.Redact(text), Is.EqualTo("Bearer [secret]; body {\"v\":\"[secret]\"}; url ?p=[secret]; raw [secret]"));
    }

    [Test]
    public void Redact_ShortValues_LeftAlone()
    {
        var redactor = new Redactor(["abc", "1"]);
        Assert.That(redactor.Redact("abc 1 abcd"), Is.EqualTo("abc 1 abcd"));
    }

    [Test]
    public void Cap_LongText_CutAtTheByteLimitWithANote()
    {
        var text = string.Concat(Enumerable.Repeat("field error é 😀; ", 2000));
        var capped = EngineText.Cap(text);
        Assert.That(Encoding.UTF8.GetByteCount(capped), Is.LessThanOrEqualTo(EngineText.MaxBytes));
        Assert.That(capped, Does.Match(@" \[… [\d,]+ of [\d,]+ bytes cut\]$"));
        Assert.That(text, Does.StartWith(capped[..capped.IndexOf(" [… ", StringComparison.Ordinal)]), "a prefix of the text, never a broken character");
        Assert.That(EngineText.Cap("short"), Is.EqualTo("short"));
    }

    [Test]
    public void ToRpc_ApiErrorEchoingSecrets_RedactedAndCapped()
    {
        var echo = "echo: Bearer tok-abcdef " + new string('x', 100_000) + " hunter2-secret";
        var e = new AstroApiException("POST", "/v1/organizations/o/deployments", HttpStatusCode.BadRequest, null, echo, "r1", null);
        var rpc = ErrorMapping.ToRpc(e, new Redactor(["tok-abcdef", "hunter2-secret"]));
        Assert.That(rpc.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(rpc.Status.Detail, Does.Contain("Bearer [secret]").And.Not.Contain("tok-abcdef"));
        Assert.That(Encoding.UTF8.GetByteCount(rpc.Status.Detail), Is.LessThanOrEqualTo(EngineText.MaxBytes));
    }

    [Test]
    public void ToRpc_PartialStateWithHugeReason_DetailAndReasonCappedAndRedacted()
    {
        var reason = "Deployment c1 was created but did not become HEALTHY: token tok-abcdef " + new string('y', 200_000);
        var e = new ResourceInitFailedException("c1", new PropertyMap([new("status", PropertyValue.From("CREATING"))]), null, reason);
        var rpc = ErrorMapping.ToRpc(e, new Redactor(["tok-abcdef"]));
        var detail = PartialState.From(rpc)!;
        Assert.That(detail.Id, Is.EqualTo("c1"));
        Assert.That(detail.Reasons.Single(), Is.EqualTo(rpc.Status.Detail));
        Assert.That(Encoding.UTF8.GetByteCount(rpc.Status.Detail), Is.LessThanOrEqualTo(EngineText.MaxBytes));
        Assert.That(rpc.Status.Detail, Does.Contain("token [secret]"));
        // The trailers: the details in base64 and the message; well below the 64 KiB clients accept.
        var trailers = Convert.ToBase64String(rpc.Trailers.GetValueBytes("grpc-status-details-bin")!).Length + Encoding.UTF8.GetByteCount(rpc.Status.Detail);
        Assert.That(trailers, Is.LessThan(40 * 1024));
    }

    [Test]
    public async Task OperationLog_SecretInALine_Redacted()
    {
        var log = new RecordingLog();
        var op = new Operation(null!, new Waiter(TimeProvider.System), log, "urn:x", null, CancellationToken.None, new Redactor(["s3cret-value"]));
        await op.Warn("tagging with s3cret-value");
        await op.Progress("still s3cret-value");
        Assert.That(log.Lines, Is.EqualTo(new[] { "tagging with [secret]", "still [secret]" }));
    }

    private sealed class RecordingLog : IEngineLog
    {
        public List<string> Lines { get; } = [];

        public Task LogAsync(Rpc.LogSeverity severity, string message, string urn = "", bool ephemeral = false)
        {
            Lines.Add(message);
            return Task.CompletedTask;
        }
    }
}
