using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The organization's settings that UpdateOrganization changes: its name, billing e-mail, SCIM, enhanced support access,
/// AI features and the dedicated-cluster policy. They are stored (and survive a restart with --db) once changed;
/// until then the organization has astro-sim's defaults. <c>hasAllowedIpAddressRanges</c> follows the IP access list.
/// </summary>
internal sealed partial class AstroSim
{
    private const string DefaultOrganizationName = "astro-sim organization";
    private const string DefaultBillingEmail = "billing@astro-sim.local";

    private static readonly string[] OrganizationFlags =
        ["isScimEnabled", "allowEnhancedSupportAccess", "hasAiFeaturesDisabled", "shouldEnforceDedicatedClusters"];

    private JObject? StoredOrganization => Store.Get(AccessKinds.Organization, Options.OrganizationId);

    /// <summary>The organization's name: the one an update set, or the default.</summary>
    private string CurrentOrganizationName => Str(StoredOrganization ?? [], "name") ?? DefaultOrganizationName;

    /// <summary>Overlays the stored settings on an organization answer (all of it, or the look-up-only metadata).</summary>
    private JObject WithOrganizationSettings(JObject org, bool lookUpOnly)
    {
        var stored = StoredOrganization;
        org["name"] = CurrentOrganizationName;
        if (stored?["updatedAt"] is { } updatedAt) org["updatedAt"] = updatedAt.DeepClone();
        if (lookUpOnly) return org;
        if (stored?["updatedBy"] is { } updatedBy) org["updatedBy"] = updatedBy.DeepClone();
        org["billingEmail"] = Str(stored ?? [], "billingEmail") ?? DefaultBillingEmail;
        foreach (var flag in OrganizationFlags) org[flag] = Bool(stored ?? [], flag) ?? false;
        org["hasAllowedIpAddressRanges"] = HasAllowedIpAddressRanges;
        return org;
    }

    /// <summary>
    /// Changes the settings: name, billing e-mail and SCIM are required; an optional flag left out keeps its value.
    /// Answers the whole organization.
    /// </summary>
    public JObject UpdateOrganization(JObject body)
    {
        Validator.Require(body, AccessSpecs.UpdateOrganization);
        if (string.IsNullOrWhiteSpace((string?)body["name"])) throw ApiError.Field("name", "required", "must not be empty");
        var stored = StoredOrganization ?? new JObject { ["id"] = Options.OrganizationId };
        stored["name"] = body["name"];
        stored["billingEmail"] = body["billingEmail"];
        foreach (var flag in OrganizationFlags)
            if (body[flag] is { Type: JTokenType.Boolean } value) stored[flag] = value.DeepClone();
        stored["updatedAt"] = Stamp();
        stored["updatedBy"] = Subject();
        Store.Put(AccessKinds.Organization, Options.OrganizationId, stored);
        return GetOrganization(lookUpOnly: false);
    }
}
