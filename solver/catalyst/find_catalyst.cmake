# ParaView Catalyst for in-situ visualisation (solver/catalyst/), optional.
# Included from the top level so that the imported ParaView and VTK targets
# are visible to every folder. Sets NOXFLOW_WITH_CATALYST: by default ON if
# ParaView 5.11 with Catalyst and PythonCatalyst is found, else OFF; forced
# ON without ParaView is an error; OFF does not look for ParaView at all.

# Debian's VTK 5.11 config names the imported targets of its dependencies
# (hdf5::hdf5, X11::X11, NetCDF::NetCDF, ...) without finding them, which
# fails at generate time: find them first. Returns whether ParaView is usable.
macro(noxflow_find_catalyst result)
  set(${result} OFF)
  find_path(NOXFLOW_PARAVIEW_CMAKE_DIR paraview-config.cmake
    PATH_SUFFIXES lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake/paraview-5.11
                  lib/cmake/paraview-5.11)
  if(NOXFLOW_PARAVIEW_CMAKE_DIR)
    enable_language(C) # FindHDF5 and VTK's config test-compile C
    set(HDF5_PREFER_PARALLEL ON)
    find_package(HDF5 QUIET COMPONENTS C HL)
    find_package(X11 QUIET)
    find_package(Freetype QUIET)
    find_package(GLEW QUIET)
    find_package(LibXml2 QUIET)
    find_package(Boost QUIET)
    set(_noxflow_module_path ${CMAKE_MODULE_PATH})
    list(APPEND CMAKE_MODULE_PATH ${NOXFLOW_PARAVIEW_CMAKE_DIR}/vtk)
    find_package(NetCDF QUIET) # ParaView's own FindNetCDF
    set(CMAKE_MODULE_PATH ${_noxflow_module_path})
    set(_noxflow_missing "")
    foreach(_target hdf5::hdf5 hdf5::hdf5_hl X11::X11 Freetype::Freetype
                    GLEW::GLEW LibXml2::LibXml2 Boost::boost NetCDF::NetCDF)
      if(NOT TARGET ${_target})
        list(APPEND _noxflow_missing ${_target})
      endif()
    endforeach()
    if(_noxflow_missing)
      set(NOXFLOW_CATALYST_MISSING
          "ParaView's dependencies ${_noxflow_missing} (Debian: libhdf5-openmpi-dev libx11-dev libfreetype-dev libglew-dev libxml2-dev libboost-dev libnetcdf-dev)")
    else()
      find_package(ParaView 5.11 QUIET
        HINTS ${NOXFLOW_PARAVIEW_CMAKE_DIR}
        COMPONENTS Catalyst PythonCatalyst)
      if(ParaView_FOUND)
        set(${result} ON)
      else()
        set(NOXFLOW_CATALYST_MISSING
            "ParaView 5.11 with Catalyst and PythonCatalyst (Debian: paraview-dev python3-paraview)")
      endif()
    endif()
  else()
    set(NOXFLOW_CATALYST_MISSING
        "ParaView 5.11 (Debian: paraview-dev python3-paraview)")
  endif()
endmacro()

if(NOT DEFINED NOXFLOW_WITH_CATALYST)
  noxflow_find_catalyst(_noxflow_catalyst_found)
  set(NOXFLOW_WITH_CATALYST ${_noxflow_catalyst_found} CACHE BOOL
      "ParaView Catalyst in-situ output (needs ParaView 5.11 with Catalyst and PythonCatalyst)")
elseif(NOXFLOW_WITH_CATALYST)
  noxflow_find_catalyst(_noxflow_catalyst_found)
  if(NOT _noxflow_catalyst_found)
    message(FATAL_ERROR
      "NOXFLOW_WITH_CATALYST is ON but ${NOXFLOW_CATALYST_MISSING} was not "
      "found. Install it, or configure with -DNOXFLOW_WITH_CATALYST=OFF.")
  endif()
endif()
message(STATUS "NOxFlow: ParaView Catalyst ${NOXFLOW_WITH_CATALYST}")
