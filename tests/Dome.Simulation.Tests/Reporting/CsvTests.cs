using Dome.Simulation.Reporting;

namespace Dome.Simulation.Tests.Reporting;

public class CsvTests
{
    [Theory]
    [InlineData("Ashkelon - North", "Ashkelon - North")]
    [InlineData("Sderot, Ivim, Nir Am", "\"Sderot, Ivim, Nir Am\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Field_QuotesAsRfc4180(string text, string expected) => Assert.Equal(expected, Csv.Field(text));
}
