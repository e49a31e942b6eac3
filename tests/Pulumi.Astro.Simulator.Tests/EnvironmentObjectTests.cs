using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;
using static Pulumi.Astro.Simulator.Tests.EnvironmentBodies;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// Environment objects: the four types at both scopes, secrets never answered, links with overrides, auto-linking and
/// exclusions, the update semantics, and every validation rule.
/// </summary>
public sealed class EnvironmentObjectTests : InstantSimFixture
{
    private static readonly string[] Secrets = [ConnectionPassword, VariableSecret, MetricsToken, PrivateKey];

    /// <summary>Every way to read an object: GET, the workspace list, and a linked Deployment's resolved list.</summary>
    private async Task<List<JObject>> EveryRead(string id, string? deployment = null)
    {
        var reads = new List<JObject> { (await Api.Get($"environment-objects/{id}")).Json };
        reads.AddRange((await Api.Get("environment-objects")).Json["environmentObjects"]!.OfType<JObject>());
        if (deployment is not null)
            reads.AddRange((await Api.Get($"environment-objects?deploymentId={deployment}&resolveLinked=true")).Json["environmentObjects"]!.OfType<JObject>());
        return reads;
    }

    private static void AssertNoSecret(IEnumerable<JToken> answers)
    {
        foreach (var answer in answers)
            foreach (var secret in Secrets)
                Assert.That(answer.ToString(), Does.Not.Contain(secret));
    }

    [Test]
    public async Task Create_Connection_AnswersIdOnlyAndNeverThePassword()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = Connection(Sim.WorkspaceId);
        body["autoLinkDeployments"] = true;
        var created = await Api.Post("environment-objects", body);
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        Assert.That(created.Json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "id" }), "the model's CreateEnvironmentObject is the id alone");
        var id = (string)created.Json["id"]!;

        var obj = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)obj["objectKey"], Is.EqualTo("warehouse"));
            Assert.That((string?)obj["scope"], Is.EqualTo("WORKSPACE"));
            Assert.That((bool?)obj["autoLinkDeployments"], Is.True);
            Assert.That((string?)obj["connection"]!["host"], Is.EqualTo("warehouse.example.com"));
            Assert.That((int?)obj["connection"]!["port"], Is.EqualTo(5432));
            Assert.That(obj["connection"]!["extra"], Is.EqualTo(new JObject { ["sslmode"] = "require", ["timeout"] = 30 }));
            Assert.That(obj["connection"]!["password"], Is.Null);
            Assert.That(obj["setFields"]!.Values<string>(), Is.EqualTo(new[] { "extra.sslmode", "extra.timeout", "host", "login", "password", "port", "schema", "type" }));
        });
        AssertNoSecret(await EveryRead(id, dep));
    }

    [TestCase("AIRFLOW_VARIABLE", "airflowVariable")]
    [TestCase("ENVIRONMENT_VARIABLE", "environmentVariable")]
    public async Task Create_SecretVariable_ValueAnsweredEmptyAndSetFieldsSaysItIsSet(string type, string field)
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = Variable(Sim.WorkspaceId, secret: true, type, key: "API_KEY");
        body["links"] = new JArray(new JObject
        {
            ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep,
            ["overrides"] = new JObject { [field] = new JObject { ["value"] = VariableSecret + "-override" } },
        });
        var id = await Create("environment-objects", body);

        var obj = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((bool?)obj[field]!["isSecret"], Is.True);
            Assert.That((string?)obj[field]!["value"], Is.Empty, "the model: a secret's value is answered empty");
            Assert.That(obj["setFields"]!.Values<string>(), Is.EqualTo(new[] { "isSecret", "value" }));
            var link = obj["links"]![0]!;
            Assert.That(link[field + "Overrides"], Is.Null, "a secret override's value is left out with its override");
            Assert.That(link["setFields"]!.Values<string>(), Is.EqualTo(new[] { "value" }));
        });
        AssertNoSecret(await EveryRead(id, dep));
    }

    [Test]
    public async Task Create_PlainVariable_ValueAnswered()
    {
        var id = await Create("environment-objects", Variable(Sim.WorkspaceId, secret: false));
        var obj = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.That((string?)obj["airflowVariable"]!["value"], Is.EqualTo("us-east-1"));
        Assert.That((bool?)obj["airflowVariable"]!["isSecret"], Is.False);
    }

    [Test]
    public async Task Create_MetricsExport_CredentialsAndAuthTypeNeverAnswered()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = Metrics(Sim.WorkspaceId);
        body["autoLinkDeployments"] = true;
        var id = await Create("environment-objects", body);

        var me = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)me["metricsExport"]!["endpoint"], Is.EqualTo("https://prometheus.example.com/api/v1/write"));
            Assert.That(me["metricsExport"]!["headers"], Is.EqualTo(new JObject { ["X-Scope-OrgID"] = "tenant-1" }));
            Assert.That(me["metricsExport"]!["basicToken"], Is.Null);
            Assert.That(me["metricsExport"]!["authType"], Is.Null, "Astro does not echo the auth type (the Terraform provider keeps it from its plan)");
            Assert.That(me["setFields"]!.Values<string>(), Does.Contain("basicToken").And.Contain("authType").And.Contain("headers.X-Scope-OrgID"));
        });
        AssertNoSecret(await EveryRead(id, dep));
    }

    [Test]
    public async Task Create_ConnectionWithAuthType_SecretExtraKeyHiddenAndAuthTypeResolved()
    {
        var body = Connection(Sim.WorkspaceId, key: "snowflake");
        body["connection"] = new JObject
        {
            ["type"] = "snowflake",
            ["authTypeId"] = "snowflake-private-key",
            ["login"] = "AIRFLOW",
            ["extra"] = new JObject { ["account"] = "ab12345", ["private_key_content"] = PrivateKey },
        };
        var id = await Create("environment-objects", body);

        var conn = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That(conn["connection"]!["extra"], Is.EqualTo(new JObject { ["account"] = "ab12345" }));
            Assert.That(conn["connection"]!["authTypeId"], Is.Null, "authTypeId is write-only");
            Assert.That((string?)conn["connection"]!["connectionAuthType"]!["id"], Is.EqualTo("snowflake-private-key"));
            Assert.That((string?)conn["connection"]!["connectionAuthType"]!["airflowType"], Is.EqualTo("snowflake"));
            Assert.That(conn["setFields"]!.Values<string>(), Does.Contain("extra.private_key_content").And.Not.Contain("authTypeId"));
        });
        AssertNoSecret(await EveryRead(id));
    }

    [TestCase("-objectKey", "objectKey", "required")]
    [TestCase("objectKey=\"bad key!\"", "objectKey", "invalid")]
    [TestCase("-objectType", "objectType", "required")]
    [TestCase("objectType=SECRET", "objectType", "oneof")]
    [TestCase("-scope", "scope", "required")]
    [TestCase("scope=ORGANIZATION", "scope", "oneof")]
    [TestCase("-scopeEntityId", "scopeEntityId", "required")]
    [TestCase("scopeEntityId=cnosuchworkspace000000000", "scopeEntityId", "invalid")]
    [TestCase("scope=DEPLOYMENT", "scopeEntityId", "invalid")]
    [TestCase("description=7", "description", "invalid_type")]
    [TestCase("autoLinkDeployments=\"yes\"", "autoLinkDeployments", "invalid_type")]
    [TestCase("-connection", "connection", "required")]
    [TestCase("airflowVariable={\"value\":\"x\"}", "airflowVariable", "not_allowed")]
    [TestCase("metricsExport={\"endpoint\":\"https://x.example\",\"exporterType\":\"PROMETHEUS\"}", "metricsExport", "not_allowed")]
    [TestCase("-connection.type", "connection.type", "required")]
    [TestCase("connection.type=\"  \"", "connection.type", "invalid")]
    [TestCase("connection.port=0", "connection.port", "range")]
    [TestCase("connection.port=65536", "connection.port", "range")]
    [TestCase("connection.port=\"5432\"", "connection.port", "invalid_type")]
    [TestCase("connection.extra=\"{}\"", "connection.extra", "invalid_type")]
    [TestCase("connection.isSecret=true", "connection.isSecret", "unknown_field")]
    [TestCase("connection.authTypeId=nope", "connection.authTypeId", "invalid")]
    [TestCase("connection.authTypeId=snowflake-password", "connection.authTypeId", "invalid")]
    [TestCase("connection.authTypeId=postgres-password", "connection.password", "required")]
    [TestCase("links=[{\"scope\":\"DEPLOYMENT\",\"scopeEntityId\":\"cnosuchdeployment00000000\"}]", "links[0].scopeEntityId", "invalid")]
    [TestCase("links=[{\"scope\":\"WORKSPACE\",\"scopeEntityId\":\"x\"}]", "links[0].scope", "oneof")]
    [TestCase("links=[{\"scope\":\"DEPLOYMENT\"}]", "links[0].scopeEntityId", "required")]
    [TestCase("excludeLinks=[{\"scope\":\"DEPLOYMENT\",\"scopeEntityId\":\"cnosuchdeployment00000000\"}]", "excludeLinks[0].scopeEntityId", "invalid")]
    [TestCase("links=\"all\"", "links", "invalid_type")]
    [TestCase("secret=true", "secret", "unknown_field")]
    public async Task Create_ConnectionRuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var body = Bodies.Change(Connection(Sim.WorkspaceId), change);
        if (change == "connection.authTypeId=postgres-password") ((JObject)body["connection"]!).Remove("password");
        await AssertRefused(body, field, code);
    }

    [Test]
    public async Task Create_KeyLongerThanAirflowStores_Returns400()
    {
        await AssertRefused(Bodies.Change(Connection(Sim.WorkspaceId), $"objectKey={new string('k', Formats.MaxObjectKey + 1)}"), "objectKey", "max");
        await Create("environment-objects", Bodies.Change(Connection(Sim.WorkspaceId), $"objectKey={new string('k', Formats.MaxObjectKey)}"));
    }

    [TestCase("AIRFLOW_VARIABLE", "airflowVariable.isSecret=\"yes\"", "airflowVariable.isSecret", "invalid_type")]
    [TestCase("AIRFLOW_VARIABLE", "airflowVariable.value=1", "airflowVariable.value", "invalid_type")]
    [TestCase("AIRFLOW_VARIABLE", "-airflowVariable", "airflowVariable", "required")]
    [TestCase("AIRFLOW_VARIABLE", "connection={\"type\":\"http\"}", "connection", "not_allowed")]
    [TestCase("AIRFLOW_VARIABLE", "objectKey=\"a/b\"", "objectKey", "invalid")]
    [TestCase("ENVIRONMENT_VARIABLE", "objectKey=1ST_KEY", "objectKey", "invalid")]
    [TestCase("ENVIRONMENT_VARIABLE", "objectKey=\"MY-KEY\"", "objectKey", "invalid")]
    [TestCase("ENVIRONMENT_VARIABLE", "environmentVariable.host=x", "environmentVariable.host", "unknown_field")]
    public async Task Create_VariableRuleBroken_Returns400NamingField(string type, string change, string field, string code) =>
        await AssertRefused(Bodies.Change(Variable(Sim.WorkspaceId, secret: false, type, key: "KEY"), change), field, code);

    [TestCase("-metricsExport.endpoint", "metricsExport.endpoint", "required")]
    [TestCase("metricsExport.endpoint=\"ftp://files.example.com\"", "metricsExport.endpoint", "invalid")]
    [TestCase("metricsExport.endpoint=\"not a url\"", "metricsExport.endpoint", "invalid")]
    [TestCase("-metricsExport.exporterType", "metricsExport.exporterType", "required")]
    [TestCase("metricsExport.exporterType=OTLP", "metricsExport.exporterType", "oneof")]
    [TestCase("metricsExport.authType=KERBEROS", "metricsExport.authType", "oneof")]
    [TestCase("-metricsExport.basicToken", "metricsExport.basicToken", "required")]
    [TestCase("metricsExport.authType=BASIC", "metricsExport.username", "required")]
    [TestCase("metricsExport.authType=BASIC", "metricsExport.basicToken", "not_allowed")]
    [TestCase("-metricsExport.authType", "metricsExport.basicToken", "not_allowed")]
    [TestCase("metricsExport.authType=SIGV4", "metricsExport.sigV4AssumeArn", "required")]
    [TestCase("metricsExport.sigV4AssumeArn=role", "metricsExport.sigV4AssumeArn", "invalid")]
    [TestCase("metricsExport.headers={\"X-Key\":1}", "metricsExport.headers.X-Key", "invalid_type")]
    [TestCase("metricsExport.labels=[\"team\"]", "metricsExport.labels", "invalid_type")]
    public async Task Create_MetricsExportRuleBroken_Returns400NamingField(string change, string field, string code) =>
        await AssertRefused(Bodies.Change(Metrics(Sim.WorkspaceId), change), field, code);

    [TestCase("links", "[{\"scope\":\"DEPLOYMENT\",\"scopeEntityId\":\"{dep}\"}]")]
    [TestCase("excludeLinks", "[{\"scope\":\"DEPLOYMENT\",\"scopeEntityId\":\"{dep}\"}]")]
    [TestCase("autoLinkDeployments", "true")]
    public async Task Create_DeploymentScopedWithWorkspaceOnlyField_Returns400(string field, string value)
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = Bodies.Change(Connection(dep, scope: "DEPLOYMENT"), $"{field}={value.Replace("{dep}", dep, StringComparison.Ordinal)}");
        await AssertRefused(body, field, "not_allowed");
    }

    [Test]
    public async Task Create_LinkRules_DeploymentOfAnotherWorkspaceDuplicatesAndLinkedExclusionRefused()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var otherWorkspace = await Create("workspaces", new JObject { ["name"] = "other" });
        var foreign = await Deployment(otherWorkspace, "foreign");
        JObject Link(string d) => new() { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = d };

        var body = Connection(Sim.WorkspaceId);
        body["links"] = new JArray(Link(foreign));
        await AssertRefused(body, "links[0].scopeEntityId", "invalid");
        body["links"] = new JArray(Link(dep), Link(dep));
        await AssertRefused(body, "links[1].scopeEntityId", "unique");
        body["links"] = new JArray(Link(dep));
        body["excludeLinks"] = new JArray(Link(dep));
        await AssertRefused(body, "excludeLinks[0].scopeEntityId", "invalid");
        body.Remove("excludeLinks");
        body["links"] = new JArray(new JObject
        {
            ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep,
            ["overrides"] = new JObject { ["airflowVariable"] = new JObject { ["value"] = "x" } },
        });
        await AssertRefused(body, "links[0].overrides.airflowVariable", "not_allowed");
        body["links"]![0]!["overrides"] = new JObject { ["connection"] = new JObject { ["port"] = 0 } };
        await AssertRefused(body, "links[0].overrides.connection.port", "range");
    }

    [Test]
    public async Task Create_SameKeyTypeAndScope_Returns409ButOtherScopeOrTypeIsFine()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        await Create("environment-objects", Connection(Sim.WorkspaceId));
        var again = await Api.Post("environment-objects", Connection(Sim.WorkspaceId));
        Assert.That(again.Status, Is.EqualTo(409), again.ToString());
        Assert.That(again.Message, Does.Contain("warehouse"));
        await Create("environment-objects", Connection(dep, scope: "DEPLOYMENT"));
        await Create("environment-objects", Variable(Sim.WorkspaceId, secret: false, key: "warehouse"));
    }

    [Test]
    public async Task Links_OverridesAutoLinkAndExclusion_EachDeploymentResolvesItsOwnValues()
    {
        var linked = await Deployment(Sim.WorkspaceId, "linked");
        var auto = await Deployment(Sim.WorkspaceId, "auto");
        var excluded = await Deployment(Sim.WorkspaceId, "excluded");
        var body = Connection(Sim.WorkspaceId);
        body["autoLinkDeployments"] = true;
        body["links"] = new JArray(new JObject
        {
            ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = linked,
            ["overrides"] = new JObject { ["connection"] = new JObject { ["host"] = "staging.example.com", ["password"] = ConnectionPassword + "-staging", ["extra"] = new JObject { ["sslmode"] = "prefer" } } },
        });
        body["excludeLinks"] = new JArray(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = excluded });
        var id = await Create("environment-objects", body);

        var obj = (await Api.Get($"environment-objects/{id}")).Json;
        var link = obj["links"]!.Single();
        Assert.Multiple(() =>
        {
            Assert.That((string?)link["scopeEntityId"], Is.EqualTo(linked));
            Assert.That((string?)link["connectionOverrides"]!["host"], Is.EqualTo("staging.example.com"));
            Assert.That(link["connectionOverrides"]!["password"], Is.Null);
            Assert.That(link["setFields"]!.Values<string>(), Is.EqualTo(new[] { "extra.sslmode", "host", "password" }));
            Assert.That(obj["excludeLinks"]!.Select(e => (string?)e["scopeEntityId"]), Is.EqualTo(new[] { excluded }));
        });

        async Task<JToken?> ResolvedFor(string dep) =>
            (await Api.Get($"environment-objects?deploymentId={dep}&resolveLinked=true&objectType=CONNECTION")).Json["environmentObjects"]!.SingleOrDefault();
        var forLinked = (await ResolvedFor(linked))!;
        var forAuto = (await ResolvedFor(auto))!;
        Assert.That(forLinked["id"], Is.Null, "a resolved object is not addressable");
        Assert.That((string?)forLinked["scope"], Is.EqualTo("DEPLOYMENT"));
        Assert.That((string?)forLinked["scopeEntityId"], Is.EqualTo(linked));
        Assert.That((string?)forLinked["sourceScope"], Is.EqualTo("WORKSPACE"));
        Assert.That((string?)forLinked["sourceScopeEntityId"], Is.EqualTo(Sim.WorkspaceId));
        Assert.That((string?)forLinked["connection"]!["host"], Is.EqualTo("staging.example.com"));
        Assert.That(forLinked["connection"]!["extra"], Is.EqualTo(new JObject { ["sslmode"] = "prefer", ["timeout"] = 30 }), "map overrides merge key by key");
        Assert.That((string?)forAuto["connection"]!["host"], Is.EqualTo("warehouse.example.com"));
        Assert.That(await ResolvedFor(excluded), Is.Null);
        Assert.That((await Api.Get($"environment-objects?deploymentId={auto}")).Json["environmentObjects"], Is.Empty, "without resolveLinked a Deployment lists only its own objects");

        // A Deployment's own object of the same type and key wins over the workspace's.
        await Create("environment-objects", Bodies.Change(Connection(auto, scope: "DEPLOYMENT"), "connection.host=own.example.com"));
        Assert.That((string?)(await ResolvedFor(auto))!["connection"]!["host"], Is.EqualTo("own.example.com"));
        AssertNoSecret((await Api.Get($"environment-objects?deploymentId={linked}&resolveLinked=true")).Json["environmentObjects"]!);
    }

    [Test]
    public async Task Update_LeftOutListsAndAutoLink_AreRemovedButTypedFieldsAndDescriptionKept()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var other = await Deployment(Sim.WorkspaceId, "other");
        var body = Connection(Sim.WorkspaceId);
        body["autoLinkDeployments"] = true;
        body["links"] = new JArray(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep });
        body["excludeLinks"] = new JArray(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = other });
        var id = await Create("environment-objects", body);

        var reply = await Api.Post($"environment-objects/{id}", new JObject { ["connection"] = new JObject { ["type"] = "postgres", ["host"] = "new.example.com" } });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var obj = reply.Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)obj["connection"]!["host"], Is.EqualTo("new.example.com"));
            Assert.That((int?)obj["connection"]!["port"], Is.EqualTo(5432), "a field the update leaves out is kept");
            Assert.That(obj["setFields"]!.Values<string>(), Does.Contain("password"), "the password is kept");
            Assert.That((string?)obj["description"], Is.EqualTo("the warehouse"));
            Assert.That(obj["links"], Is.Empty, "a links list left out removes every link (astro-cli echoPreservedFields)");
            Assert.That(obj["excludeLinks"], Is.Empty);
            Assert.That((bool?)obj["autoLinkDeployments"], Is.False, "a left-out autoLinkDeployments turns it off");
        });
        Assert.That((await Api.Get($"environment-objects/{id}")).Json, Is.EqualTo(obj));
    }

    [Test]
    public async Task Update_Links_KeptWithoutOverridesMergedWithOverridesAndUnsetFieldsInherit()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = Connection(Sim.WorkspaceId);
        body["links"] = new JArray(new JObject
        {
            ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep,
            ["overrides"] = new JObject { ["connection"] = new JObject { ["host"] = "h1", ["login"] = "l1", ["password"] = "p1-override" } },
        });
        var id = await Create("environment-objects", body);
        var typed = new JObject { ["type"] = "postgres" };
        JObject Update(JObject? overrides) => new()
        {
            ["connection"] = typed.DeepClone(),
            ["links"] = new JArray(overrides is null
                ? new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep }
                : new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep, ["overrides"] = overrides }),
        };
        static IEnumerable<string?> SetFields(Reply r) => r.Json["links"]![0]!["setFields"]!.Values<string>();

        var kept = await Api.Post($"environment-objects/{id}", Update(null));
        Assert.That(SetFields(kept), Is.EqualTo(new[] { "host", "login", "password" }), "a link entry without overrides keeps them");
        var merged = await Api.Post($"environment-objects/{id}", Update(new JObject { ["connection"] = new JObject { ["schema"] = "s2" } }));
        Assert.That(SetFields(merged), Is.EqualTo(new[] { "host", "login", "password", "schema" }));
        var unset = await Api.Post($"environment-objects/{id}", Update(new JObject { ["unsetFields"] = new JArray("login", "password") }));
        Assert.That(SetFields(unset), Is.EqualTo(new[] { "host", "schema" }));

        var both = await Api.Post($"environment-objects/{id}", Update(new JObject { ["connection"] = new JObject { ["host"] = "h2" }, ["unsetFields"] = new JArray("host") }));
        Assert.That(both.Code("links[0].overrides.unsetFields[0]"), Is.EqualTo("invalid"), both.ToString());
        var unknown = await Api.Post($"environment-objects/{id}", Update(new JObject { ["unsetFields"] = new JArray("value") }));
        Assert.That(unknown.Code("links[0].overrides.unsetFields[0]"), Is.EqualTo("invalid"), unknown.ToString());
    }

    [Test]
    public async Task Update_SecretVariableEmptyValue_KeepsTheValueWhilePlainEmptyValueClearsIt()
    {
        var secret = await Create("environment-objects", Variable(Sim.WorkspaceId, secret: true, key: "secret"));
        var plain = await Create("environment-objects", Variable(Sim.WorkspaceId, secret: false, key: "plain"));
        var empty = new JObject { ["airflowVariable"] = new JObject { ["value"] = "" } };

        var s = (await Api.Post($"environment-objects/{secret}", empty)).Json;
        var p = (await Api.Post($"environment-objects/{plain}", empty)).Json;
        Assert.That(s["setFields"]!.Values<string>(), Does.Contain("value"), "an empty value keeps a secret's value (astro-cli patchVarLinks)");
        Assert.That(p["setFields"]!.Values<string>(), Does.Not.Contain("value"));
        Assert.That((string?)p["airflowVariable"]!["value"], Is.Empty);
    }

    [TestCase("{}", "connection", "required")]
    [TestCase("{\"connection\":{\"type\":\"postgres\"},\"airflowVariable\":{\"value\":\"x\"}}", "airflowVariable", "not_allowed")]
    [TestCase("{\"connection\":{\"host\":\"x\"}}", "connection.type", "required")]
    [TestCase("{\"connection\":{\"type\":\"postgres\",\"port\":99999}}", "connection.port", "range")]
    [TestCase("{\"connection\":{\"type\":\"postgres\"},\"objectKey\":\"renamed\"}", "objectKey", "unknown_field")]
    [TestCase("{\"connection\":{\"type\":\"postgres\"},\"links\":[{\"scope\":\"DEPLOYMENT\",\"scopeEntityId\":\"cnosuchdeployment00000000\"}]}", "links[0].scopeEntityId", "invalid")]
    [TestCase("{\"connection\":{\"type\":\"postgres\",\"authTypeId\":\"aws-access-key\"}}", "connection.authTypeId", "invalid")]
    public async Task Update_RuleBroken_Returns400AndChangesNothing(string body, string field, string code)
    {
        var id = await Create("environment-objects", Connection(Sim.WorkspaceId));
        var before = (await Api.Get($"environment-objects/{id}")).Json;
        var reply = await Api.PostRaw($"environment-objects/{id}", body);
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((await Api.Get($"environment-objects/{id}")).Json, Is.EqualTo(before));
    }

    [Test]
    public async Task Update_VariableIsSecret_CannotChange()
    {
        var id = await Create("environment-objects", Variable(Sim.WorkspaceId, secret: true));
        var reply = await Api.Post($"environment-objects/{id}", new JObject { ["airflowVariable"] = new JObject { ["isSecret"] = false } });
        Assert.That(reply.Code("airflowVariable.isSecret"), Is.EqualTo("unknown_field"), reply.ToString());
    }

    [Test]
    public async Task Update_MetricsAuthTypeChange_NeedsTheNewCredentials()
    {
        var id = await Create("environment-objects", Metrics(Sim.WorkspaceId));
        var toBasic = await Api.Post($"environment-objects/{id}", new JObject { ["metricsExport"] = new JObject { ["authType"] = "BASIC", ["username"] = "u", ["basicToken"] = "" } });
        Assert.That(toBasic.Code("metricsExport.password"), Is.EqualTo("required"), toBasic.ToString());
        var ok = await Api.Post($"environment-objects/{id}", new JObject { ["metricsExport"] = new JObject { ["authType"] = "BASIC", ["username"] = "u", ["password"] = "pw-s3cret", ["basicToken"] = "" } });
        Assert.That(ok.Status, Is.EqualTo(200), ok.ToString());
        Assert.That(ok.Json["setFields"]!.Values<string>(), Does.Contain("password").And.Not.Contain("basicToken"));
        Assert.That(ok.Json.ToString(), Does.Not.Contain("pw-s3cret"));
    }

    [Test]
    public async Task ExcludeLinking_Deployment_AddedOnceAndLinkedOneRefused()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var linked = await Deployment(Sim.WorkspaceId, "linked");
        var body = Connection(Sim.WorkspaceId);
        body["autoLinkDeployments"] = true;
        body["links"] = new JArray(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = linked });
        var id = await Create("environment-objects", body);
        var exclude = new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep };

        Assert.That((await Api.Post($"environment-objects/{id}/exclude-linking", exclude)).Status, Is.EqualTo(204));
        Assert.That((await Api.Post($"environment-objects/{id}/exclude-linking", exclude)).Status, Is.EqualTo(204), "excluding again changes nothing");
        var obj = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.That(obj["excludeLinks"]!.Select(e => (string?)e["scopeEntityId"]), Is.EqualTo(new[] { dep }));
        Assert.That((await Api.Get($"environment-objects?deploymentId={dep}&resolveLinked=true")).Json["environmentObjects"], Is.Empty);

        var conflict = await Api.Post($"environment-objects/{id}/exclude-linking", new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = linked });
        Assert.That(conflict.Status, Is.EqualTo(409), conflict.ToString());
        var unknown = await Api.Post($"environment-objects/{id}/exclude-linking", new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = "cnosuchdeployment00000000" });
        Assert.That(unknown.Code("scopeEntityId"), Is.EqualTo("invalid"), unknown.ToString());
        var noScope = await Api.Post($"environment-objects/{id}/exclude-linking", new JObject { ["scopeEntityId"] = dep });
        Assert.That(noScope.Code("scope"), Is.EqualTo("required"), noScope.ToString());
        var deploymentScoped = await Create("environment-objects", Connection(dep, scope: "DEPLOYMENT"));
        Assert.That((await Api.Post($"environment-objects/{deploymentScoped}/exclude-linking", exclude)).Status, Is.EqualTo(400));
        Assert.That((await Api.Post("environment-objects/cnosuchobject000000000000/exclude-linking", exclude)).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Delete_Object_GoneAfterwardsAndSecondDeleteIs404()
    {
        var id = await Create("environment-objects", Connection(Sim.WorkspaceId));
        Assert.That((await Api.Delete($"environment-objects/{id}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"environment-objects/{id}")).Status, Is.EqualTo(404));
        var again = await Api.Delete($"environment-objects/{id}");
        Assert.That(again.Status, Is.EqualTo(404));
        Assert.That((int?)again.Body?["statusCode"], Is.EqualTo(404));
        Assert.That((await Api.Post($"environment-objects/{id}", new JObject { ["connection"] = new JObject { ["type"] = "http" } })).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Patch_OutOfBandChange_ShownButAPatchedSecretStillHidden()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = Connection(Sim.WorkspaceId);
        body["links"] = new JArray(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep });
        var id = await Create("environment-objects", body);

        await Sim.Control.PatchAsync("environmentObject", id, "connection.host", "moved.example.com");
        await Sim.Control.PatchAsync("environmentObject", id, "connection.password", "patched-s3cret");
        await Sim.Control.PatchAsync("environmentObject", id, "links[0].connectionOverrides", new JObject { ["password"] = "patched-s3cret", ["login"] = "l" });

        var obj = (await Api.Get($"environment-objects/{id}")).Json;
        Assert.That((string?)obj["connection"]!["host"], Is.EqualTo("moved.example.com"), "Astro's own change shows, for drift tests");
        Assert.That((string?)obj["links"]![0]!["connectionOverrides"]!["login"], Is.EqualTo("l"));
        Assert.That(obj.ToString(), Does.Not.Contain("patched-s3cret"));
        Assert.That(obj["setFields"]!.Values<string>(), Does.Contain("password"));
    }

    [Test]
    public async Task DeleteDeployment_ItsObjectsGoAndWorkspaceLinksToItDropOut()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var own = await Create("environment-objects", Connection(dep, scope: "DEPLOYMENT"));
        var body = Connection(Sim.WorkspaceId);
        body["links"] = new JArray(new JObject
        {
            ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep,
            ["overrides"] = new JObject { ["connection"] = new JObject { ["password"] = "p-override" } },
        });
        var shared = await Create("environment-objects", body);

        await Api.Delete($"deployments/{dep}");
        Assert.That((await Api.Get($"environment-objects/{own}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Get($"environment-objects/{shared}")).Json["links"], Is.Empty);
    }

    [Test]
    public async Task List_FiltersPagingAndSorts()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        await Create("environment-objects", Connection(Sim.WorkspaceId, key: "b"));
        await Create("environment-objects", Connection(Sim.WorkspaceId, key: "a"));
        await Create("environment-objects", Variable(Sim.WorkspaceId, secret: false, key: "c"));
        await Create("environment-objects", Variable(dep, secret: false, scope: "DEPLOYMENT", key: "d"));

        async Task<IEnumerable<string?>> Keys(string query) =>
            (await Api.Get($"environment-objects?{query}")).Json["environmentObjects"]!.Select(o => (string?)o["objectKey"]);
        Assert.That(await Keys(""), Is.EquivalentTo(new[] { "a", "b", "c", "d" }), "every object of the organization");
        Assert.That(await Keys($"workspaceId={Sim.WorkspaceId}&sorts=objectKey:asc"), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(await Keys($"deploymentId={dep}"), Is.EqualTo(new[] { "d" }));
        Assert.That(await Keys("objectType=CONNECTION&sorts=objectKey:desc"), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(await Keys("objectKey=c"), Is.EqualTo(new[] { "c" }));
        Assert.That(await Keys("sorts=objectType:asc&sorts=objectKey:asc&limit=2&offset=1"), Is.EqualTo(new[] { "d", "a" }));

        var page = (await Api.Get("environment-objects?limit=1")).Json;
        Assert.That((int)page["totalCount"]!, Is.EqualTo(4));
        Assert.That(page["environmentObjects"]!.Count(), Is.EqualTo(1));
    }

    [TestCase("showSecrets=true", 403, "showSecrets on organization with id")]
    [TestCase("showSecrets=maybe", 400, "showSecrets")]
    [TestCase("resolveLinked=1", 400, "resolveLinked")]
    [TestCase("objectType=SECRET", 400, "objectType")]
    [TestCase("sorts=name:asc", 400, "sorts")]
    [TestCase("limit=1001", 400, "limit")]
    [TestCase("workspaceId=cnosuchworkspace000000000", 404, "cnosuchworkspace000000000")]
    [TestCase("deploymentId=cnosuchdeployment00000000", 404, "cnosuchdeployment00000000")]
    public async Task List_BadQuery_RefusedWithErrorBody(string query, int status, string message)
    {
        var reply = await Api.Get($"environment-objects?{query}");
        Assert.That(reply.Status, Is.EqualTo(status), reply.ToString());
        Assert.That(reply.Message, Does.Contain(message));
    }

    [Test]
    public async Task List_WorkspaceAndDeploymentTogether_Refused()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var reply = await Api.Get($"environment-objects?workspaceId={Sim.WorkspaceId}&deploymentId={dep}");
        Assert.That(reply.Code("deploymentId"), Is.EqualTo("not_allowed"), reply.ToString());
    }

    [Test]
    public async Task RequestLog_EnvironmentObjectBodies_KeepNoSecret()
    {
        await Sim.Control.SetLogBodiesAsync(true);
        var dep = await Deployment(Sim.WorkspaceId);
        var id = await Create("environment-objects", Connection(Sim.WorkspaceId));
        await Create("environment-objects", Variable(Sim.WorkspaceId, secret: true));
        await Create("environment-objects", Metrics(Sim.WorkspaceId));
        await Api.Post($"environment-objects/{id}", new JObject
        {
            ["connection"] = new JObject { ["type"] = "postgres", ["password"] = ConnectionPassword },
            ["links"] = new JArray(new JObject
            {
                ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep,
                ["overrides"] = new JObject { ["connection"] = new JObject { ["extra"] = new JObject { ["private_key_content"] = PrivateKey } } },
            }),
        });
        var bodies = (await Sim.Control.RequestsAsync()).Where(r => r.Path.Contains("environment-objects", StringComparison.Ordinal))
            .SelectMany(r => new[] { r.RequestBody, r.ResponseBody }).OfType<string>().ToList();
        Assert.That(bodies, Has.Some.Contains("[redacted]"));
        foreach (var secret in Secrets) Assert.That(bodies, Has.None.Contains(secret));
    }

    private async Task AssertRefused(JObject body, string field, string code)
    {
        var before = (int)(await Api.Get("environment-objects")).Json["totalCount"]!;
        var reply = await Api.Post("environment-objects", body);
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
            Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        });
        Assert.That((int)(await Api.Get("environment-objects")).Json["totalCount"]!, Is.EqualTo(before), "a rejected create must create nothing");
    }
}
