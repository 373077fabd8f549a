using CptKb.Core.Import;
using CptKb.Web.Hosting;

namespace CptKb.Tests.Hosting;

public sealed class ProgressTenthsTests
{
    [Fact]
    public void Each_tenth_of_an_import_is_let_through_once()
    {
        var tenths = new ProgressTenths();

        var told = Enumerable.Range(0, 251).Select(done => tenths.Reached(new ImportProgress(done, 250, null))).OfType<int>().ToList();

        Assert.Equal(Enumerable.Range(0, 11), told);
    }

    [Fact]
    public void An_empty_import_tells_nothing_and_a_small_one_tells_each_file()
    {
        Assert.Null(new ProgressTenths().Reached(new ImportProgress(0, 0, null)));
        var tenths = new ProgressTenths();
        Assert.Equal([0, 3, 6, 10], Enumerable.Range(0, 4).Select(done => tenths.Reached(new ImportProgress(done, 3, null))).OfType<int>());
    }
}
