using Pulumi.Astro.Client;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The plugin against astro-sim's injected faults: a wait outlives a 500 on a poll; an error too long for the HTTP/2
/// trailers is capped, answered, and leaves the channel usable; an error body that echoes the request shows neither the
/// token nor a secret input.
/// </summary>
public sealed class FaultLifecycleTests : PluginFixture
{
    private const string Type = "astro:index:Deployment";
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    [TearDown]
    public Task ClearFaults() => Sim.Control.ClearFaultsAsync();

    private static string Urn(string name) => UrnOf(name, Type);

    [Test]
    public async Task Create_PollAnswered500_WaitGoesOnAndSucceeds()
    {
        var inputs = await CheckedAs(Type, "polled", StandardDeployment(Sim.WorkspaceId, "polled"));
        // The wait's first poll fails: every attempt the client makes of it (AstroRetryPolicy.MaxAttempts) is answered 500.
        await Sim.Control.AddFaultAsync(new SimFault
        {
            Method = "GET", PathPattern = "/deployments/c[a-z0-9]{24}$", Status = 500, Message = "database hiccup", Times = new AstroRetryPolicy().MaxAttempts,
        });

        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("polled"), Name = "polled", Type = Type, Properties = inputs }, deadline: DateTime.UtcNow + Ceiling);

        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        var requests = await Sim.Control.RequestsAsync();
        Assert.That(requests, Has.Some.Matches<SimRequest>(r => r.Method == "GET" && r.Path.EndsWith(created.Id, StringComparison.Ordinal) && r.Status == 500), "the fault fired");
        var line = await Engine.WaitForLogAsync(l => l.Urn == Urn("polled") && l.Message.StartsWith("poll failed: 500", StringComparison.Ordinal), Ceiling);
        Assert.That(line.Message, Does.Contain("database hiccup").And.Contain("still waiting"));
    }

    [Test]
    public async Task Create_AstroAnswers400WithAFieldErrorPerVariable_AnswerIsCappedAndTheChannelStillWorks()
    {
        // The realistic trigger: 1,100 variables with 255-character keys (what Check allows), each refused by Astro.
        var news = StandardDeployment(Sim.WorkspaceId, "crowded");
        var variables = news.Fields["environmentVariables"].ListValue.Values;
        for (var i = 0; i < 1100; i++)
            variables.Add(Obj(("key", S(new string('K', 249) + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))), ("value", S("v")), ("isSecret", B(false))));
        var inputs = await CheckedAs(Type, "crowded", news);
        await Sim.Control.AddFaultAsync(new SimFault
        {
            Method = "POST", PathPattern = "/deployments$", Status = 400, Message = "Invalid request: 1100 field errors",
            FieldErrors = [.. Enumerable.Range(0, 1100).Select(i => ($"environmentVariables[{i + 2}].key", "is not allowed by the organization's policy for environment variable names"))],
        });

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("crowded"), Name = "crowded", Type = Type, Properties = inputs }, deadline: DateTime.UtcNow + Ceiling))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(Encoding.UTF8.GetByteCount(error.Status.Detail), Is.LessThanOrEqualTo(EngineText.MaxBytes));
        // Cut by the client (Astro's text past 4,096 characters) or by the plugin (past EngineText.MaxBytes): either says so.
        Assert.That(error.Status.Detail, Does.StartWith("POST /v1/organizations/").And.Match(@"(\[… [\d,]+ of [\d,]+ bytes cut\]|\([\d,]+ characters cut\)\]?)$"));
        // The same channel answers the next calls.
        Assert.That((await Plugin.Client.GetPluginInfoAsync(new Empty(), deadline: DateTime.UtcNow + Ceiling)).Version, Is.Not.Empty);
        await CheckedAs(Type, "next", StandardDeployment(Sim.WorkspaceId, "next"));
    }

    [Test]
    public async Task Create_ErrorBodyEchoesTheRequest_NeitherTokenNorSecretsReachTheEngine()
    {
        var news = StandardDeployment(Sim.WorkspaceId, "echoed");
        // A secret with characters JSON escapes, and a plain-looking value of a secret property (an environment variable's value).
        news.Fields["environmentVariables"].ListValue.Values.Add(Obj(("key", S("API_KEY")), ("value", Secret(S("pa\"ss\\word-4711"))), ("isSecret", B(true))));
        news.Fields["environmentVariables"].ListValue.Values.Add(Obj(("key", S("VISIBLE_BUT_SCHEMA_SECRET")), ("value", S("shown-nowhere-0815")), ("isSecret", B(false))));
        var inputs = await CheckedAs(Type, "echoed", news);
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/deployments$", Status = 400, Message = "bad gateway config", EchoRequest = true });

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("echoed"), Name = "echoed", Type = Type, Properties = inputs }, deadline: DateTime.UtcNow + Ceiling))!;

        // The client redacts an echoed Authorization header's value, to the end of its line.
        Assert.That(error.Status.Detail, Does.Contain("request: Authorization: [redacted]"), "the echo reached the plugin, redacted");
        var logs = Engine.Logs.Where(l => l.Urn == Urn("echoed")).Select(l => l.Message).ToList();
        foreach (var text in logs.Append(error.Status.Detail))
        {
            Assert.That(text, Does.Not.Contain(Sim.Token));
            Assert.That(text, Does.Not.Contain("hunter2-very-secret"));
            Assert.That(text, Does.Not.Contain("word-4711"));
            Assert.That(text, Does.Not.Contain("shown-nowhere-0815"));
        }
        Assert.That(error.Status.Detail, Does.Contain("bad gateway config"), "what is not secret stays readable");
    }

    [Test]
    public async Task Check_SecretValuesRejected_ReasonsNeverQuoteThem()
    {
        var news = StandardDeployment(Sim.WorkspaceId, "hidden");
        news.Fields["executor"] = Secret(S("SIDEWAYS-9931"));
        news.Fields["contactEmails"] = Secret(List(S("not-an-email-7734")));
        news.Fields["description"] = Secret(N(4242.5));

        var check = await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn("hidden"), Name = "hidden", Type = Type, Olds = new Struct(), News = news });

        var reasons = check.Failures.ToDictionary(f => f.Property, f => f.Reason);
        Assert.That(reasons.Keys, Is.SupersetOf(new[] { "executor", "contactEmails[0]", "description" }), string.Join("\n", check.Failures));
        Assert.That(reasons["executor"], Is.EqualTo("must be one of ASTRO, CELERY, KUBERNETES"));
        Assert.That(reasons["description"], Is.EqualTo("must be a string, not a secret number"));
        Assert.That(reasons["contactEmails[0]"], Does.Contain("is not an email address"));
        foreach (var reason in reasons.Values)
            Assert.That(reason, Does.Not.Contain("SIDEWAYS").And.Not.Contain("7734").And.Not.Contain("4242"));
    }
}
