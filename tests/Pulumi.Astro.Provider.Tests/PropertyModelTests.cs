using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Schema;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The generic rules every resource inherits from its property table (docs/design/property-model.md): Check, Diff,
/// Read's reconciliation with the old inputs, secrets at every depth, and the effective provider configuration.
/// </summary>
public sealed class PropertyModelTests
{
    private static readonly EnumType Color = P.EnumOf("t:index:Color", "", ("RED", ""), ("BLUE", ""));

    private static readonly ObjectType Item = new("t:index:Item", "",
    [
        P.Str("name", "").Req(),
        P.Int("size", ""),
        P.Str("storage", "").AstroDefault(),
        P.Str("password", "").Sec(),
        P.Enum("color", Color, ""),
    ]) { Key = "name" };

    private static readonly IReadOnlyList<Prop> Props =
    [
        P.Str("description", ""),
        P.StrList("emails", "").Set(),
        P.Bool("enabled", "").Def(true),
        P.Str("size", "").AstroDefault(),
        P.Str("cpu", "").Canon(Deployment.CanonicalQuantity),
        P.Enum("color", Color, ""),
        P.ObjList("items", Item, "").Set(),
        P.Str("status", "").Out(),
    ];

    private static PropertyValue V(string s) => PropertyValue.From(s);
    private static PropertyValue Obj(params (string, PropertyValue)[] fields) => PropertyValue.From(M(fields));
    private static PropertyMap M(params (string Key, PropertyValue Value)[] fields) => new(fields.Select(f => new KeyValuePair<string, PropertyValue>(f.Key, f.Value)));
    private static PropertyValue L(params PropertyValue[] items) => PropertyValue.From(items);
    private static PropertyValue ItemOf(string name, string? password = null, string? storage = null, double? size = null)
    {
        var fields = new List<(string, PropertyValue)> { ("name", V(name)) };
        if (size is { } s) fields.Add(("size", PropertyValue.From(s)));
        if (storage is not null) fields.Add(("storage", V(storage)));
        if (password is not null) fields.Add(("password", V(password)));
        return Obj([.. fields]);
    }

    // ---- Check ----

    [Test]
    public void Check_UnknownEnumValueFromOldInputs_Accepted()
    {
        var failures = new List<CheckFailure>();
        Rules.Check(M(("color", V("GREEN"))), Props, failures, olds: M(("color", V("GREEN"))));
        Assert.That(failures, Is.Empty, "a value Astro reported and the state kept passes although the provider does not know it");
    }

    [Test]
    public void Check_UnknownEnumValueSetByProgram_RejectedListingKnownValues()
    {
        var failures = new List<CheckFailure>();
        Rules.Check(M(("color", V("GREEN"))), Props, failures, olds: M(("color", V("RED"))));
        Assert.That(failures.Select(f => $"{f.Property}: {f.Reason}"), Is.EqualTo(new[] { "color: must be one of RED, BLUE, not \"GREEN\"" }));
    }

    [Test]
    public void Check_UnknownEnumInListElement_MatchedByKeyInOldInputs()
    {
        var failures = new List<CheckFailure>();
        var olds = M(("items", L(Obj(("name", V("b")), ("color", V("GREEN"))), Obj(("name", V("a"))))));
        var news = M(("items", L(Obj(("name", V("a"))), Obj(("name", V("b")), ("color", V("GREEN"))))));
        Rules.Check(news, Props, failures, olds: olds);
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Check_SecretOfAnyDepthInAnyResource_MarkedSecret()
    {
        var marked = Rules.MarkSecrets(M(("items", L(ItemOf("a", password: "hunter2")))), Props);
        var item = marked["items"].AsArray[0].AsObject;
        Assert.That(item["password"].IsSecret, Is.True);
        Assert.That(item["name"].IsSecret, Is.False);
    }

    [Test]
    public void Check_SecretValueRejected_ReasonDoesNotQuoteIt()
    {
        var failures = new List<CheckFailure>();
        Rules.Check(M(("items", L(Obj(("name", V("a")), ("password", PropertyValue.From(42)))))), Props, failures);
        Assert.That(failures.Single().Property, Is.EqualTo("items[0].password"));
        Assert.That(failures.Single().Reason, Does.Not.Contain("42"));
    }

    // ---- Diff ----

    [TestCase("description", "\"\"", null)]
    [TestCase("emails", "[]", null)]
    [TestCase("enabled", "true", null)]
    [TestCase("cpu", "\"0.5\"", "\"500m\"")]
    [TestCase("cpu", "\"1Gi\"", "\"1024Mi\"")]
    [TestCase("emails", "[\"a@x.io\",\"b@x.io\"]", "[\"b@x.io\",\"a@x.io\"]")]
    public void Diff_SameValueSpelledDifferently_NoChange(string prop, string? old, string? @new)
    {
        PropertyMap Of(string? json) => json is null ? PropertyMap.Empty : M((prop, Marshal.FromValue(Google.Protobuf.WellKnownTypes.Value.Parser.ParseJson(json))));
        Assert.That(Rules.Diff(Of(old), PropertyMap.Empty, Of(@new), Props).HasChanges, Is.False);
        Assert.That(Rules.Diff(Of(@new), PropertyMap.Empty, Of(old), Props).HasChanges, Is.False);
    }

    [Test]
    public void Diff_AstroDefaultLeftOut_NoChangeWhateverTheOldValue()
    {
        Assert.That(Rules.Diff(M(("size", V("LARGE"))), M(("size", V("LARGE"))), PropertyMap.Empty, Props).HasChanges, Is.False);
    }

    [Test]
    public void Diff_AstroDefaultSetToLiveValue_NoChange()
    {
        // Old inputs left it out (Astro picked it); the program now names the value Astro has.
        Assert.That(Rules.Diff(PropertyMap.Empty, M(("size", V("SMALL"))), M(("size", V("SMALL"))), Props).HasChanges, Is.False);
    }

    [Test]
    public void Diff_AstroDefaultSetToAnotherValue_Change()
    {
        var diff = Rules.Diff(PropertyMap.Empty, M(("size", V("SMALL"))), M(("size", V("LARGE"))), Props);
        Assert.That(diff.Changed, Is.EqualTo(new[] { "size" }));
        Assert.That(diff.Detailed["size"], Is.EqualTo(DiffKind.Update));
    }

    [Test]
    public void Diff_NestedAstroDefaultLeftOut_NoChange()
    {
        var old = M(("items", L(ItemOf("a", storage: "10Gi"))));
        Assert.That(Rules.Diff(old, old, M(("items", L(ItemOf("a")))), Props).HasChanges, Is.False);
    }

    [Test]
    public void Diff_KeyedSetElementChanged_DetailedPathAtItsNewIndex()
    {
        var old = M(("items", L(ItemOf("a", size: 1), ItemOf("b", size: 1))));
        var news = M(("items", L(ItemOf("b", size: 2), ItemOf("a", size: 1))));
        Assert.That(Rules.Diff(old, old, news, Props).Detailed.Keys, Is.EqualTo(new[] { "items[0].size" }));
    }

    // ---- Read ----

    [Test]
    public void Reconcile_ValueAstroDidNotSend_KeepsOldValueAndOnImportIsAbsent()
    {
        var live = M(("description", PropertyValue.Unknown), ("size", V("SMALL")));
        Assert.That(Rules.Reconcile(live, M(("description", V("kept"))), Props)["description"].AsString, Is.EqualTo("kept"));
        Assert.That(Rules.Reconcile(live, null, Props).Has("description"), Is.False, "never invented on import");
    }

    [Test]
    public void Reconcile_ValueAstroSaysIsUnset_Dropped()
    {
        Assert.That(Rules.Reconcile(M(("size", V("SMALL"))), M(("description", V("gone"))), Props).Has("description"), Is.False);
    }

    [Test]
    public void Reconcile_SameValueOtherSpelling_KeepsProgramsSpellingAndSecretMark()
    {
        var old = M(("cpu", V("0.5")), ("description", PropertyValue.Secret(V("d"))), ("emails", PropertyValue.From(Array.Empty<PropertyValue>())));
        var live = M(("cpu", V("500m")), ("description", V("d")));
        var read = Rules.Reconcile(live, old, Props);
        Assert.That(read["cpu"].AsString, Is.EqualTo("0.5"));
        Assert.That(read["description"].IsSecret, Is.True, "a value the program marked secret stays secret after refresh");
        Assert.That(read["emails"].AsArray, Is.Empty, "an empty list the program wrote survives a refresh");
    }

    [Test]
    public void Reconcile_SecretMarkedValueChangedAtAstro_NewValueStillSecret()
    {
        var read = Rules.Reconcile(M(("description", V("changed in the UI"))), M(("description", PropertyValue.Secret(V("d")))), Props);
        Assert.That(read["description"].IsSecret, Is.True);
        Assert.That(read["description"].Unwrapped.AsString, Is.EqualTo("changed in the UI"));
    }

    [Test]
    public void Reconcile_KeyedListReorderedWithFieldsAstroNeverSends_MatchedByKey()
    {
        var old = M(("items", L(ItemOf("a", password: "pa"), ItemOf("b", password: "pb"))));
        var live = M(("items", L(Obj(("name", V("b")), ("password", PropertyValue.Unknown)), Obj(("name", V("a")), ("password", PropertyValue.Unknown)))));
        var items = Rules.Reconcile(live, old, Props)["items"].AsArray;
        Assert.That(items.Select(i => i.AsObject["password"].Unwrapped.AsString), Is.EquivalentTo(new[] { "pa", "pb" }));
        Assert.That(items.Single(i => i.AsObject["name"].AsString == "a").AsObject["password"].Unwrapped.AsString, Is.EqualTo("pa"));
    }

    [Test]
    public void Reconcile_WholeListAstroDidNotSend_KeepsOldList()
    {
        var old = M(("items", L(ItemOf("a"))));
        Assert.That(Rules.Reconcile(M(("items", PropertyValue.Unknown)), old, Props)["items"], Is.EqualTo(old["items"]));
    }

    [Test]
    public void KeepLastKnown_OutputAstroDidNotSend_KeepsLastKnownValue()
    {
        var outputs = Rules.KeepLastKnown(M(("status", PropertyValue.Unknown), ("items", L(Obj(("name", V("a")), ("size", PropertyValue.Unknown))))),
            M(("status", V("HEALTHY"))));
        Assert.That(outputs["status"].AsString, Is.EqualTo("HEALTHY"));
        Assert.That(outputs["items"].AsArray[0].AsObject.Has("size"), Is.False, "nothing unknown reaches the engine outside preview");
    }

    [Test]
    public void KeepLastKnown_NestedFieldAstroDidNotSend_KeepsItsLastKnownValueByKey()
    {
        var live = M(("items", L(Obj(("name", V("b")), ("size", PropertyValue.From(2))), Obj(("name", V("a")), ("size", PropertyValue.Unknown)))));
        var old = M(("items", L(Obj(("name", V("a")), ("size", PropertyValue.From(5))), Obj(("name", V("b")), ("size", PropertyValue.From(1))))));
        var outputs = Rules.KeepLastKnown(live, old, Props);
        Assert.That(outputs["items"].AsArray[1].AsObject["size"].AsNumber, Is.EqualTo(5), "matched by name, not position");
        Assert.That(outputs["items"].AsArray[0].AsObject["size"].AsNumber, Is.EqualTo(2), "a value Astro sent wins");
    }

    [Test]
    public void WithServerDefaults_LeftOutAtAnyDepth_TakenFromLive()
    {
        var news = M(("items", L(ItemOf("a"), ItemOf("new"))));
        var live = M(("size", V("LARGE")), ("items", L(ItemOf("a", storage: "20Gi"))));
        var effective = Rules.WithServerDefaults(news, live, Props);
        Assert.That(effective["size"].AsString, Is.EqualTo("LARGE"));
        Assert.That(effective["items"].AsArray[0].AsObject["storage"].AsString, Is.EqualTo("20Gi"));
        Assert.That(effective["items"].AsArray[1].AsObject.Has("storage"), Is.False);
    }

    // ---- A lean Astro answer, through the Deployment's own mapping ----

    [Test]
    public void Read_LeanDeploymentAnswer_NothingInventedNothingLost()
    {
        var lean = new Api.Deployment
        {
            Id = "cdep", Name = "etl", WorkspaceId = "cws", Status = Api.DeploymentStatus.Healthy, IsCicdEnforced = false, IsDagDeployEnabled = true,
            AstroRuntimeVersion = "3.1-5",
        };
        var old = M(("type", V("STANDARD")), ("cloudProvider", V("AWS")), ("region", V("us-east-1")), ("executor", V("CELERY")),
            ("isDevelopmentMode", PropertyValue.True), ("schedulerSize", V("MEDIUM")),
            ("workerQueues", L(Obj(("name", V("default")), ("isDefault", PropertyValue.True), ("astroMachine", V("A5"))))));
        var read = Rules.Reconcile(Deployment.LiveInputs(lean), old, Deployment.Schema.Props);
        foreach (var (key, value) in old.Entries)
            Assert.That(read[key], Is.EqualTo(value), $"{key}: a field Astro left out keeps the state's value");
        var imported = Rules.Reconcile(Deployment.LiveInputs(lean), null, Deployment.Schema.Props);
        Assert.That(imported.Keys, Is.EquivalentTo(new[] { "workspaceId", "name", "isCicdEnforced", "isDagDeployEnabled", "astroRuntimeVersion" }),
            "on import nothing is invented: no type, executor, development mode or scheduler size Astro did not send");
    }

    [Test]
    public void Read_DeploymentOfATypeThisProviderDoesNotKnow_TypeSpecificInputsKept()
    {
        var newer = new Api.Deployment { Id = "cdep", Name = "etl", WorkspaceId = "cws", Type = new Api.DeploymentType("SERVERLESS"), Region = "us-east-1" };
        var old = M(("type", V("STANDARD")), ("cloudProvider", V("AWS")), ("region", V("us-east-1")), ("defaultTaskPodCpu", V("0.5")));
        var read = Rules.Reconcile(Deployment.LiveInputs(newer), old, Deployment.Schema.Props);
        Assert.That(read["type"].AsString, Is.EqualTo("SERVERLESS"), "passed through");
        Assert.That(read["cloudProvider"].AsString, Is.EqualTo("AWS"));
        Assert.That(read["defaultTaskPodCpu"].AsString, Is.EqualTo("0.5"));
    }

    // ---- what Astro did not report, through a resource ----

    private static PropertyMap Standard(params (string Key, PropertyValue Value)[] more) => new PropertyMap(new (string Key, PropertyValue Value)[]
    {
        ("type", V("STANDARD")), ("name", V("etl")), ("workspaceId", V("cws")), ("cloudProvider", V("AWS")), ("region", V("us-east-1")),
        ("defaultTaskPodCpu", V("0.5")), ("defaultTaskPodMemory", V("1Gi")), ("resourceQuotaCpu", V("10")), ("resourceQuotaMemory", V("20Gi")),
    }.Concat(more).Select(f => new KeyValuePair<string, PropertyValue>(f.Key, f.Value)));

    [Test]
    public void Check_ExistingObjectWhoseOldInputsLackARequiredInput_NotRequiredAgain()
    {
        var read = Standard().Without("region").Without("type");
        var failures = new List<CheckFailure>();
        new Deployment().Check("etl", read, read, failures);
        Assert.That(failures, Is.Empty, "Astro did not report them, and only a create needs them");
        new Deployment().Check("etl", PropertyMap.Empty, read, failures);
        Assert.That(failures.Select(f => f.Property), Is.EquivalentTo(new[] { "type" }), "a create still needs every requirement");
        new Deployment().Check("etl", Standard(), Standard().Without("region"), failures = []);
        Assert.That(failures.Select(f => f.Property), Is.EqualTo(new[] { "region" }), "the program cannot drop what the state has");
    }

    [Test]
    public void Diff_RequiredInputTheOldInputsLack_NoChange()
    {
        var diff = new Deployment().Diff(Standard().Without("region").Without("type").Without("cloudProvider"), PropertyMap.Empty, Standard());
        Assert.That(diff.Changed, Is.Empty, "the program's placement is the only word on what Astro did not report");
        var optional = new Deployment().Diff(Standard(), PropertyMap.Empty, Standard(("description", V("new"))));
        Assert.That(optional.Changed, Is.EqualTo(new[] { "description" }), "an optional input the state lacks is still a change");
    }

    // ---- provider configuration ----

    [TestCase(null, "https://api.astronomer.io")]
    [TestCase("https://api.astronomer.io", "https://api.astronomer.io/")]
    [TestCase("https://api.astronomer.io", "HTTPS://API.Astronomer.IO")]
    [TestCase("https://api.astronomer.io", "https://api.astronomer.io:443")]
    public void DiffConfig_SameEffectiveHost_NoChange(string? old, string @new)
    {
        var olds = old is null ? M(("organizationId", V("org"))) : M(("host", V(old)), ("organizationId", V("org")));
        var diff = ProviderConfig.Diff(olds, M(("host", V(@new)), ("organizationId", V("org"))), _ => null);
        Assert.That(diff!.HasChanges, Is.False);
    }

    [Test]
    public void DiffConfig_OrganizationMovedFromEnvironmentIntoConfig_NoChange()
    {
        var diff = ProviderConfig.Diff(PropertyMap.Empty, M(("organizationId", V("org"))), name => name == "ASTRO_ORGANIZATION_ID" ? "org" : null);
        Assert.That(diff!.HasChanges, Is.False);
    }

    [TestCase("organizationId", "other", true)]
    [TestCase("host", "https://api.example.com", true)]
    [TestCase("token", "new-token", false)]
    public void DiffConfig_RealChange_ReplacesUnlessToken(string key, string value, bool replaces)
    {
        var olds = M(("organizationId", V("org")), ("token", PropertyValue.Secret(V("t"))));
        var diff = ProviderConfig.Diff(olds, olds.With(key, V(value)), _ => null)!;
        Assert.That(diff.Changed, Is.EqualTo(new[] { key }));
        Assert.That(diff.Replaces.Count > 0, Is.EqualTo(replaces));
    }

    [Test]
    public void DiffConfig_UnknownValue_NotKnownYet()
    {
        Assert.That(ProviderConfig.Diff(M(("organizationId", V("org"))), M(("organizationId", PropertyValue.Unknown)), _ => null), Is.Null);
    }
}
