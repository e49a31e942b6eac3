using System.Net.Http.Headers;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The command-line options for the model, response mode, rate limit, transitional status, body logging.</summary>
public sealed class SettingsOptionTests
{
    [Test]
    public void Parse_AllNewOptions_SetThem()
    {
        var o = SimulatorOptions.Parse(["--model", "m.json", "--responses", "null", "--rate-limit", "2.5", "--rate-burst=7",
            "--transitional-status", "PROVISIONING", "--log-bodies"]);
        Assert.Multiple(() =>
        {
            Assert.That(o.ModelPath, Is.EqualTo("m.json"));
            Assert.That(o.Responses, Is.EqualTo(ResponseMode.Null));
            Assert.That(o.RateLimit, Is.EqualTo(2.5));
            Assert.That(o.RateBurst, Is.EqualTo(7));
            Assert.That(o.TransitionalStatus, Is.EqualTo("PROVISIONING"));
            Assert.That(o.LogBodies, Is.True);
            Assert.That(SimulatorOptions.Usage, Does.Contain("--responses MODE").And.Contain("--rate-limit N").And.Contain("--model FILE"));
        });
    }

    [Test]
    public void Parse_Nothing_NewSettingsOff()
    {
        var o = SimulatorOptions.Parse([]);
        Assert.That((o.ModelPath, o.Responses, o.RateLimit, o.RateBurst, o.TransitionalStatus, o.LogBodies),
            Is.EqualTo(((string?)null, ResponseMode.Full, (double?)null, (int?)null, (string?)null, false)));
    }

    [TestCase(new[] { "--responses", "lean" }, "--responses lean needs --model")]
    [TestCase(new[] { "--responses", "thin" }, "full, lean or null")]
    [TestCase(new[] { "--rate-burst", "5" }, "--rate-burst needs --rate-limit")]
    [TestCase(new[] { "--rate-limit", "0" }, "--rate-limit")]
    [TestCase(new[] { "--rate-limit", "10", "--rate-burst", "0" }, "--rate-burst")]
    public void Parse_BadCombination_ThrowsClearMessage(string[] args, string expected) =>
        Assert.That(() => SimulatorOptions.Parse(args), Throws.ArgumentException.With.Message.Contains(expected));

    [Test]
    public async Task Start_ProcessWithModelAndLeanResponses_AnswersLean()
    {
        await using var sim = await SimProcess.StartAsync("--model", AstroModel.Path!, "--responses", "lean");
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorOptions.DefaultToken);
        var ws = Newtonsoft.Json.Linq.JObject.Parse(await http.GetStringAsync($"/v1/organizations/{SimulatorOptions.DefaultOrganizationId}/workspaces/{SimulatorOptions.DefaultWorkspaceId}"));
        Assert.That(ws.ContainsKey("description"), Is.False, "description is optional on Workspace");
        Assert.That((string?)ws["name"], Is.EqualTo(SimulatorOptions.DefaultWorkspaceName));
    }

    [TestCase("--responses=lean", "needs --model")]
    [TestCase("--model=/nonexistent/astro-v1-model.json", "/nonexistent/astro-v1-model.json")]
    public async Task Start_ProcessBadModelSettings_ExitsWithMessage(string arg, string expected)
    {
        using var process = System.Diagnostics.Process.Start(SimProcess.StartInfo(arg))!;
        var stderr = await process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stdout, Is.Empty);
    }
}
