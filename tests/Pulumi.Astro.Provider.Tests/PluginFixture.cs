using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The engine's role for a lifecycle fixture: astro-sim, a fake engine recording Log lines, and the built plugin
/// process, handshaken and configured for astro-sim once per fixture. Subclasses drive one resource type through it.
/// <paramref name="responses"/> is how astro-sim answers the plugin (<c>full</c>, <c>lean</c> or <c>null</c>, see the
/// README's astro-sim section); <see cref="Api"/> always sees the full stored object.
/// </summary>
public abstract class PluginFixture(string responses = "full")
{
    /// <summary>The response mode astro-sim answers the plugin in.</summary>
    protected string Responses { get; } = responses;

    /// <summary>Whether the plugin gets lean (or null) answers.</summary>
    protected bool Lean => Responses != "full";

    protected SimServer Sim { get; private set; } = null!;
    protected FakeEngine Engine { get; private set; } = null!;
    protected PluginProcess Plugin { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartPlugin()
    {
        Sim = await SimServer.StartAsync(o =>
        {
            if (!Simulator.ResponseModes.TryParse(Responses, out var mode)) throw new ArgumentException($"no response mode '{Responses}'");
            o.Responses = mode;
        });
        Engine = await FakeEngine.StartAsync();
        Plugin = await PluginProcess.StartAsync(Engine.Address);
        await Plugin.Client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = Engine.Address });
        var config = Struct(("host", S(Sim.BaseUrl.ToString())), ("organizationId", S(Sim.OrganizationId)), ("token", Secret(S(Sim.Token))));
        var check = await Plugin.Client.CheckConfigAsync(new CheckRequest { Urn = "urn:pulumi:dev::proj::pulumi:providers:astro::default", News = config });
        Assert.That(check.Failures, Is.Empty);
        await Plugin.Client.ConfigureAsync(new ConfigureRequest { Args = check.Inputs, AcceptSecrets = true });
    }

    [OneTimeTearDown]
    public async Task StopPlugin()
    {
        await Plugin.DisposeAsync();
        await Engine.DisposeAsync();
        await Sim.DisposeAsync();
    }

    protected static string UrnOf(string name, string type) => $"urn:pulumi:dev::proj::{type}::{name}";

    /// <summary>Check through the plugin; asserts no failures and returns the checked inputs.</summary>
    protected async Task<Struct> CheckedAs(string type, string name, Struct news, Struct? olds = null)
    {
        var check = await Plugin.Client.CheckAsync(new CheckRequest { Urn = UrnOf(name, type), Name = name, Type = type, Olds = olds ?? new Struct(), News = news });
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        return check.Inputs;
    }

    /// <summary>
    /// A call to astro-sim's API under the organization, as the Astro UI or another tool would make it; it always gets
    /// the full answer (astro-sim's X-Astro-Sim-Responses header), whatever the plugin is answered.
    /// </summary>
    protected async Task<JObject> Api(HttpMethod method, string path, JObject? body = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, $"{Sim.OrgUrl}/{path}");
        request.Headers.Add("Authorization", $"Bearer {Sim.Token}");
        request.Headers.Add(Simulator.SimulatorHost.ResponsesHeader, "full");
        if (body is not null) request.Content = new StringContent(body.ToString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // Times stay the strings Astro sent (JObject.Parse would turn them into DateTime).
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return text.Length == 0 ? [] : JObject.Load(reader);
    }
}
