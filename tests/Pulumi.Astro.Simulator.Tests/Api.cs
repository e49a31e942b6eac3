using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>A response from astro-sim: the status and the JSON body (null when there is none).</summary>
public sealed record Reply(int Status, JToken? Body, HttpResponseMessage Raw)
{
    public JObject Json => (JObject)Body!;
    public string? Message => (string?)Body?["message"];
    public IEnumerable<string> ErrorFields => (Body?["fieldErrors"] as JArray ?? []).Select(e => (string)e["field"]!);
    public string? Code(string field) => (string?)(Body?["fieldErrors"] as JArray ?? []).FirstOrDefault(e => (string?)e["field"] == field)?["code"];
    public override string ToString() => $"{Status} {Body?.ToString(Formatting.None)}";
}

/// <summary>Raw HTTP against astro-sim, so the contract tests see exactly what a client would.</summary>
public sealed class Api : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _org;

    public Api(SimServer sim, string? token = null)
    {
        _http = new HttpClient { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? sim.Token);
        _org = $"/v1/organizations/{sim.OrganizationId}";
    }

    /// <summary>Paths starting with '/' are absolute; others are relative to the organization.</summary>
    private string Path(string path) => path.StartsWith('/') ? path : $"{_org}/{path}";

    public Task<Reply> Get(string path) => Send(HttpMethod.Get, path, null);
    public Task<Reply> Delete(string path) => Send(HttpMethod.Delete, path, null);
    public Task<Reply> Post(string path, JToken body) => Send(HttpMethod.Post, path, body.ToString(Formatting.None));
    public Task<Reply> PostRaw(string path, string body) => Send(HttpMethod.Post, path, body);

    public async Task<Reply> Send(HttpMethod method, string path, string? body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, Path(path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        configure?.Invoke(request);
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JToken? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            // Astro's timestamps and blob version ids must stay the strings the server sent.
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);
        }
        return new Reply((int)response.StatusCode, json, response);
    }

    /// <summary>Polls until <paramref name="done"/> holds, with a bounded number of short polls: no fixed sleeps.</summary>
    public async Task<JObject> WaitFor(string path, Func<JObject, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var reply = await Get(path);
            if (reply.Status == 200 && done(reply.Json)) return reply.Json;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} never satisfied the condition; last {reply}");
            await Task.Delay(25);
        }
    }

    public async Task WaitForGone(string path, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while ((await Get(path)).Status != 404)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} never answered 404");
            await Task.Delay(25);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One astro-sim per fixture (fixtures run in parallel), reset before each test.</summary>
public abstract class SimFixture
{
    protected SimServer Sim { get; private set; } = null!;
    protected Api Api { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartSim()
    {
        Sim = await SimServer.StartAsync();
        Api = new Api(Sim);
    }

    [OneTimeTearDown]
    public async Task StopSim()
    {
        Api.Dispose();
        await Sim.DisposeAsync();
    }

    [SetUp]
    public async Task ResetSim()
    {
        await Sim.Control.ResetAsync();
        await Sim.Control.SetTimingsAsync(SimServer.FastSeconds, SimServer.FastSeconds, SimServer.FastSeconds);
    }
}
