#include <deal.II/base/exceptions.h>

#include <solver/catalyst/catalyst_adaptor.h>

#include <dlfcn.h>

namespace NOxFlow
{
  std::unique_ptr<CatalystAdaptor>
  CatalystAdaptor::create(const std::string &script,
                          const std::string &directory,
                          const MPI_Comm     comm)
  {
    // Global: the Python modules of VTK find libpython through this
    // library. Never closed; ParaView does not unload.
    void *plugin = dlopen(NOXFLOW_CATALYST_PLUGIN, RTLD_NOW | RTLD_GLOBAL);
    AssertThrow(plugin != nullptr,
                dealii::ExcMessage("Cannot load the Catalyst adaptor: " +
                                   std::string(dlerror()) +
                                   ". Rebuild noxflow, or configure with "
                                   "-DNOXFLOW_WITH_CATALYST=OFF."));
    using Factory      = CatalystAdaptor *(*)(const std::string &,
                                         const std::string &,
                                         const MPI_Comm);
    const auto factory = reinterpret_cast<Factory>(
      dlsym(plugin, "noxflow_create_catalyst_adaptor"));
    AssertThrow(factory != nullptr, dealii::ExcMessage(dlerror()));
    return std::unique_ptr<CatalystAdaptor>(factory(script, directory, comm));
  }
} // namespace NOxFlow
