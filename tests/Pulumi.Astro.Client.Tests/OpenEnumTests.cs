using System.Reflection;
using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The one open-enum mechanism (AstroEnum.cs), checked on every enum type the client declares: known values and a
/// value Astro adds later read, compare, print and write back as the same string.
/// </summary>
public sealed class OpenEnumTests
{
    private static IEnumerable<Type> EnumTypes() =>
        typeof(IAstroEnum).Assembly.GetTypes().Where(t => t.IsValueType && typeof(IAstroEnum).IsAssignableFrom(t)).OrderBy(t => t.Name);

    [Test]
    public void EnumTypes_InTheClient_AreAllFound() =>
        Assert.That(EnumTypes().Select(t => t.Name).ToList(), Has.Count.EqualTo(31).And.Contains("CloudProvider").And.Contains("DeployStatus").And.Contains("EnvironmentObjectType").And.Contains("ApiTokenScope").And.Contains("OrganizationRole"));

    [TestCaseSource(nameof(EnumTypes))]
    public void OpenEnum_KnownAndAddedValues_RoundTripAsTheirString(Type type) =>
        typeof(OpenEnumTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, null);

    private static void RoundTrip<T>()
        where T : struct, IAstroEnum<T>
    {
        Assert.That(T.KnownValues, Is.Not.Empty.And.Unique);
        foreach (var known in T.KnownValues)
        {
            var json = AstroJson.Serialize(known);
            Assert.That(json, Is.EqualTo(JsonConvert.ToString(known.Value)));
            Assert.That(AstroJson.Deserialize<T>(json), Is.EqualTo(known));
            Assert.That(known.IsKnown, Is.True);
            Assert.That(known.ToString(), Is.EqualTo(known.Value));
        }
        var added = AstroJson.Deserialize<T>("\"ADDED_LATER\"");
        Assert.That(added.Value, Is.EqualTo("ADDED_LATER"));
        Assert.That(added.IsKnown, Is.False);
        Assert.That(AstroJson.Serialize(added), Is.EqualTo("\"ADDED_LATER\""));
        Assert.That(JsonConvert.DeserializeObject<T?>("null", AstroJson.Settings), Is.Null);
        Assert.That(JsonConvert.DeserializeObject<T>("null", AstroJson.Settings), Is.EqualTo(default(T)));
        Assert.That(() => AstroJson.Deserialize<T>("42"), Throws.InstanceOf<JsonSerializationException>().With.Message.Contains($"Expected a string for {typeof(T).Name}"));
    }
}
