using static Pulumi.Astro.Simulator.Validation.F;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>
/// Environment object request types, named as the model names them (CreateEnvironmentObjectRequest and the types under
/// it). Which typed field an object carries, and the rules between fields, are checked in EnvironmentObjectApi.cs.
/// </summary>
internal static class EnvironmentObjectSpecs
{
    private static FieldSpec Port => Int("port").Range(1, 65535);
    private static FieldSpec StringMap(string name) => Map(name, Str("value"));

    private static FieldSpec[] ConnectionFields =>
        [Str("host"), Port, Str("login"), Str("password"), Str("schema"), Map("extra")];

    private static FieldSpec[] MetricsFields =>
    [
        Str("authType").OneOf(AccessCatalog.MetricsAuthTypes),
        Str("basicToken"),
        Str("username"),
        Str("password"),
        StringMap("headers"),
        StringMap("labels"),
        Str("sigV4AssumeArn").Fmt(Formats.RoleArn),
        Str("sigV4StsRegion"),
    ];

    // The objects themselves.
    public static readonly ObjectSpec CreateAirflowVariable = new("CreateEnvironmentObjectAirflowVariableRequest", [Bool("isSecret"), Str("value")]);
    public static readonly ObjectSpec CreateEnvironmentVariable = new("CreateEnvironmentObjectEnvironmentVariableRequest", [Bool("isSecret"), Str("value")]);
    public static readonly ObjectSpec CreateConnection = new("CreateEnvironmentObjectConnectionRequest",
        [Str("type").Req(), Str("authTypeId"), .. ConnectionFields]);
    public static readonly ObjectSpec CreateMetricsExport = new("CreateEnvironmentObjectMetricsExportRequest",
        [Str("endpoint").Req().Fmt(Formats.HttpUrl), Str("exporterType").Req().OneOf(AccessCatalog.ExporterTypes), .. MetricsFields]);

    // An update leaves out what it does not change, except a connection's type, which it always names.
    public static readonly ObjectSpec UpdateAirflowVariable = new("UpdateEnvironmentObjectAirflowVariableRequest", [Str("value")]);
    public static readonly ObjectSpec UpdateEnvironmentVariable = new("UpdateEnvironmentObjectEnvironmentVariableRequest", [Str("value")]);
    public static readonly ObjectSpec UpdateConnection = new("UpdateEnvironmentObjectConnectionRequest",
        [Str("type").Req(), Str("authTypeId"), .. ConnectionFields]);
    public static readonly ObjectSpec UpdateMetricsExport = new("UpdateEnvironmentObjectMetricsExportRequest",
        [Str("endpoint").Fmt(Formats.HttpUrl), Str("exporterType").OneOf(AccessCatalog.ExporterTypes), .. MetricsFields]);

    // Per-link overrides: every field optional.
    private static readonly ObjectSpec VariableOverrides = new("EnvironmentObjectVariableOverridesRequest", [Str("value")]);
    private static readonly ObjectSpec ConnectionOverrides = new("EnvironmentObjectConnectionOverridesRequest", [Str("type"), .. ConnectionFields]);
    private static readonly ObjectSpec MetricsOverrides = new("EnvironmentObjectMetricsExportOverridesRequest",
        [Str("endpoint").Fmt(Formats.HttpUrl), Str("exporterType").OneOf(AccessCatalog.ExporterTypes), .. MetricsFields]);

    private static FieldSpec[] OverrideFields =>
    [
        Obj("airflowVariable", VariableOverrides),
        Obj("connection", ConnectionOverrides),
        Obj("environmentVariable", VariableOverrides),
        Obj("metricsExport", MetricsOverrides),
    ];

    public static readonly ObjectSpec CreateOverrides = new("CreateEnvironmentObjectOverridesRequest", OverrideFields);
    public static readonly ObjectSpec UpdateOverrides = new("UpdateEnvironmentObjectOverridesRequest", [.. OverrideFields, StrArr("unsetFields")]);

    private static FieldSpec[] Target => [Str("scope").Req().OneOf(AccessCatalog.LinkScopes), Str("scopeEntityId").Req()];

    public static readonly ObjectSpec CreateLink = new("CreateEnvironmentObjectLinkRequest", [.. Target, Obj("overrides", CreateOverrides)]);
    public static readonly ObjectSpec UpdateLink = new("UpdateEnvironmentObjectLinkRequest", [.. Target, Obj("overrides", UpdateOverrides)]);
    public static readonly ObjectSpec ExcludeLink = new("ExcludeLinkEnvironmentObjectRequest", Target);

    public static readonly ObjectSpec CreateEnvironmentObject = new("CreateEnvironmentObjectRequest",
    [
        Str("objectKey").Req().Len(Formats.MaxObjectKey),
        Str("objectType").Req().OneOf(AccessCatalog.ObjectTypes),
        Str("scope").Req().OneOf(AccessCatalog.ObjectScopes),
        Str("scopeEntityId").Req(),
        Str("description"),
        Bool("autoLinkDeployments"),
        ObjArr("links", CreateLink),
        ObjArr("excludeLinks", ExcludeLink),
        Obj("airflowVariable", CreateAirflowVariable),
        Obj("connection", CreateConnection),
        Obj("environmentVariable", CreateEnvironmentVariable),
        Obj("metricsExport", CreateMetricsExport),
    ]);

    public static readonly ObjectSpec UpdateEnvironmentObject = new("UpdateEnvironmentObjectRequest",
    [
        Str("description"),
        Bool("autoLinkDeployments"),
        ObjArr("links", UpdateLink),
        ObjArr("excludeLinks", ExcludeLink),
        Obj("airflowVariable", UpdateAirflowVariable),
        Obj("connection", UpdateConnection),
        Obj("environmentVariable", UpdateEnvironmentVariable),
        Obj("metricsExport", UpdateMetricsExport),
    ]);
}
