using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Client.Tests;

/// <summary>The JSON shape of the workspace, environment object and token models, checked without a server.</summary>
public sealed class EnvironmentModelTests
{
    private static JObject Json(object request) =>
        JsonConvert.DeserializeObject<JObject>(AstroJson.Serialize(request), new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;

    [Test]
    public void Serialize_ConnectionExtra_WritesTheObjectAsGiven()
    {
        var extra = new JObject
        {
            ["nested"] = new JObject { ["list"] = new JArray(1, 2.5, true, JValue.CreateNull()) },
            ["since"] = "2024-01-12T18:32:20.5898930Z",
            ["port"] = 5432,
        };

        var json = Json(new EnvironmentObjectConnectionRequest { Type = "http", Extra = extra });

        Assert.That(json["extra"]!.ToString(Formatting.None), Is.EqualTo(extra.ToString(Formatting.None)));
        Assert.That(json["extra"]!["since"]!.Type, Is.EqualTo(JTokenType.String));
    }

    [Test]
    public void Deserialize_ConnectionExtra_TimestampLikeStringsStayByteForByte()
    {
        var connection = AstroJson.Deserialize<EnvironmentObjectConnection>("""{"type":"http","extra":{"since":"2024-01-12T18:32:20.5898930Z","n":1}}""");

        Assert.That((string?)connection.Extra!["since"], Is.EqualTo("2024-01-12T18:32:20.5898930Z"));
        Assert.That(connection.Extra["since"]!.Type, Is.EqualTo(JTokenType.String));
        Assert.That((int)connection.Extra["n"]!, Is.EqualTo(1));
    }

    [Test]
    public void Serialize_MetricsExport_MapsAndEnumsAsStrings()
    {
        var json = Json(new CreateEnvironmentObjectMetricsExportRequest
        {
            Endpoint = "https://x.example/write",
            ExporterType = MetricsExporterType.Prometheus,
            AuthType = MetricsExportAuthType.SigV4,
            SigV4AssumeArn = "arn:aws:iam::123456789012:role/r",
            Headers = new Dictionary<string, string> { ["X-A"] = "1" },
            Labels = new Dictionary<string, string>(),
        });

        Assert.That(json.Properties().Take(2).Select(p => p.Name), Is.EquivalentTo(new[] { "endpoint", "exporterType" }), "the required fields first");
        Assert.That((string?)json["authType"], Is.EqualTo("SIGV4"));
        Assert.That(json["headers"], Is.EqualTo(new JObject { ["X-A"] = "1" }));
        Assert.That(json["labels"], Is.EqualTo(new JObject()));
        Assert.That(json.ContainsKey("password"), Is.False);
    }

    [Test]
    public void Deserialize_MetricsExportMaps_ReadAsDictionaries()
    {
        var export = AstroJson.Deserialize<EnvironmentObjectMetricsExport>("""{"endpoint":"e","exporterType":"OTLP","headers":{"a":"1","b":"2"}}""");

        Assert.That(export.Headers, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
        Assert.That(export.ExporterType.IsKnown, Is.False, "an exporter type Astro adds later reads");
        Assert.That(export.Labels, Is.Null);
    }

    [Test]
    public void Serialize_LinkAndExclusion_ScopeIsDeploymentUnlessSet()
    {
        var link = Json(new CreateEnvironmentObjectLinkRequest { ScopeEntityId = "d1" });
        var exclusion = Json(new ExcludeLinkEnvironmentObjectRequest { ScopeEntityId = "d2" });
        var update = Json(new UpdateEnvironmentObjectLinkRequest { ScopeEntityId = "d3", Overrides = new UpdateEnvironmentObjectOverridesRequest { UnsetFields = ["password"] } });

        Assert.That(link, Is.EqualTo(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = "d1" }));
        Assert.That((string?)exclusion["scope"], Is.EqualTo("DEPLOYMENT"));
        Assert.That(update["overrides"], Is.EqualTo(new JObject { ["unsetFields"] = new JArray("password") }));
    }

    [Test]
    public void Serialize_CreateApiToken_AbsentOptionalFieldsNotSent()
    {
        var json = Json(new CreateApiTokenRequest { Name = "t", Scope = ApiTokenScope.Organization, Role = "ORGANIZATION_MEMBER" });

        Assert.That(json.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "name", "scope", "role" }));
    }

    [Test]
    public void Deserialize_ApiToken_ValueOnlyWhenSent()
    {
        const string fields = "\"id\":\"t1\",\"name\":\"n\",\"description\":\"\",\"scope\":\"WORKSPACE\",\"kind\":\"STANDARD\",\"shortToken\":\"abc\",\"startAt\":\"2026-01-05T09:00:00Z\"";
        var read = AstroJson.Deserialize<ApiToken>($"{{{fields}}}");
        var created = AstroJson.Deserialize<ApiToken>($"{{{fields},\"token\":\"v.a.l\",\"endAt\":\"2026-02-04T09:00:00Z\"}}");

        Assert.That(read.Token, Is.Null);
        Assert.That(read.EndAt, Is.Null);
        Assert.That(created.Token, Is.EqualTo("v.a.l"));
        Assert.That(created.EndAt, Is.EqualTo(new DateTimeOffset(2026, 2, 4, 9, 0, 0, TimeSpan.Zero)));
        Assert.That(created.Scope, Is.EqualTo(ApiTokenScope.Workspace));
    }

    [Test]
    public void Serialize_UpdateWorkspace_SendsRequiredEmptyAndFalse()
    {
        var json = Json(new UpdateWorkspaceRequest { Name = "w", Description = "", CicdEnforcedDefault = false });

        Assert.That(json, Is.EqualTo(new JObject { ["name"] = "w", ["description"] = "", ["cicdEnforcedDefault"] = false }));
    }
}
