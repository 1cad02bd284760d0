#!/usr/bin/env bash
# Bad input gives a clear error naming the parameter and the fix, a non-zero
# exit code and no output folder. Usage: bad_input_test.sh NOXFLOW SOURCE_DIR
set -u
noxflow=$1
base=$2/cases/channel_nitrate/channel_nitrate.prm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# expect NAME EXIT_CODE PATTERN CASE_FILE: runs the case, checks the exit
# code, that stderr matches PATTERN and, for input errors, no output folder.
expect() {
  local name=$1 code=$2 pattern=$3 file=$4 out=$work/out-$1
  "$noxflow" "$file" --output "$out" >"$work/$name.out" 2>"$work/$name.err"
  local rc=$?
  [ "$rc" -eq "$code" ] || fail "$name: exit code $rc, expected $code"
  grep -qF -- "$pattern" "$work/$name.err" ||
    fail "$name: stderr lacks '$pattern': $(cat "$work/$name.err")"
  if [ "$code" -eq 2 ] && [ -e "$out" ]; then
    fail "$name: an output folder was written"
  fi
  echo "$name: $(head -c 300 "$work/$name.err")"
}

# A case derived from the default one by a sed script.
variant() {
  sed "$2" "$base" >"$work/$1.prm"
  echo "$work/$1.prm"
}

expect unknown_parameter 2 "Diffusion coefficient" \
  "$(variant unknown_parameter '/subsection NO3-/a\    set Diffusion coefficient = 1e-9')"
expect negative_diffusivity 2 "Species/NO3-/Diffusivity = -1.9e-09" \
  "$(variant negative_diffusivity '/subsection NO3-/,/end/s/1.90e-9/-1.90e-9/')"
expect not_electroneutral 2 "cannot be electroneutral" \
  "$(variant not_electroneutral '/subsection K+/,/end/s/set Charge              = 1/set Charge = -1/')"
expect unknown_boundary 2 "the geometry has no boundary 'bottom'" \
  "$(variant unknown_boundary 's/Names = cathode, anode/Names = bottom, anode/; s/subsection cathode/subsection bottom/; s/\(Electrode *\)= cathode/\1= bottom/; s/\(Working electrode *\)= cathode/\1= bottom/')"
expect unknown_species 2 "'NO-' is not a species" \
  "$(variant unknown_species 's/Stoichiometry                 = NO3-: -1, NO2-: 1, OH-: 2/Stoichiometry = NO-: -1, NO2-: 1, OH-: 2/')"
expect missing_file 2 "Cannot open case file" "$work/no_such_case.prm"
expect negative_activation_energy 2 "Species/OH-/Diffusivity activation energy = -12800" \
  "$(variant negative_activation_energy 's/Diffusivity activation energy = 12800/Diffusivity activation energy = -12800/')"
expect ion_size 2 "Species/Mean ion size = 3.5" \
  "$(variant ion_size 's/set Electroneutrality species = K+/set Electroneutrality species = K+\n  set Concentrated-solution correction = debye-huckel-onsager\n  set Mean ion size = 3.5/')"

# A case with extra sections appended to the default one.
appended() {
  { cat "$base"; printf '%s\n' "$2"; } >"$work/$1.prm"
  echo "$work/$1.prm"
}
expect homogeneous_charge 2 "Homogeneous reactions/bad/Equation = NO3- <-> NH3" \
  "$(appended homogeneous_charge 'subsection Homogeneous reactions
  set Names = bad
  subsection bad
    set Equation = NO3- <-> NH3
  end
end')"
expect homogeneous_species 2 "'NH4+' is not a species" \
  "$(appended homogeneous_species 'subsection Homogeneous reactions
  set Names = ammonium
  subsection ammonium
    set Equation = NH4+ <-> NH3 + H+
  end
end')"
expect velocity_solver 2 "Velocity solver" \
  "$(appended velocity_solver 'subsection Flow
  set Velocity solver = amg
end')"
expect porosity 2 "Flow/Porous media/felt/Porosity = 1.5" \
  "$(appended porosity 'subsection Flow
  subsection Porous media
    set Names = felt
    subsection felt
      set Regions  = channel
      set Porosity = 1.5
    end
  end
end')"
expect unknown_product 2 "Products/Faradaic products = NH2OH" \
  "$(appended unknown_product 'subsection Products
  set Faradaic products = NH3: 8, NH2OH: 6
end')"

# Geometry: a layer of zero thickness in a cell architecture, and a Gmsh
# mesh without a boundary the case names (its names are listed).
zero_layer=$work/zero_layer.prm
printf 'include %s\nsubsection Geometry\n  subsection Zero-gap MEA\n    subsection Cathode\n      set Thickness = 0\n    end\n  end\nend\n' \
  "$2/cases/zero_gap_nitrate/zero_gap_nitrate.prm" >"$zero_layer"
expect zero_layer 2 "Geometry/Zero-gap MEA/Cathode/Thickness = 0" "$zero_layer"
expect gmsh_missing_name 2 "the geometry has no boundary 'anode'; its boundaries are: cathode, inlet, outlet" \
  "$(variant gmsh_missing_name "s/set Dimension          = 2/set Type = Gmsh\n  set Dimension = 2\n  subsection Gmsh\n    set Mesh file = ${2//\//\\/}\/tests\/meshes\/data\/two_regions.msh\n  end/")"

# The edge fluxes (the default scheme) on a mesh with a cell that is not a
# rectangle: the Gmsh mesh above with one node moved off the grid.
sed 's/^5 0.002 0.001 0$/5 0.0025 0.001 0/' "$2/tests/meshes/data/two_regions.msh" \
  >"$work/skewed.msh"
expect skewed_cells 2 "Discretization/Scheme = scharfetter-gummel" \
  "$(variant skewed_cells "s/set Dimension          = 2/set Type = Gmsh\n  set Dimension = 2\n  subsection Gmsh\n    set Mesh file = ${work//\//\\/}\/skewed.msh\n  end/")"

# A flow mesh coarser than the case's coarse mesh (zero-gap: refinements 0).
coarser_flow=$work/coarser_flow.prm
printf 'include %s\nsubsection Flow\n  set Coarser mesh levels = 1\nend\n' \
  "$2/cases/zero_gap_nitrate/zero_gap_nitrate.prm" >"$coarser_flow"
expect coarser_flow 2 "Flow/Coarser mesh levels = 1" "$coarser_flow"

# Mesh adaptation that would refine and coarsen more than every cell.
fractions=$work/fractions.prm
printf 'include %s\nsubsection Mesh adaptation\n  set Cycles per target = 1\n  set Refine fraction = 0.8\n  set Coarsen fraction = 0.3\nend\n' \
  "$2/cases/zero_gap_nitrate/zero_gap_nitrate.prm" >"$fractions"
expect adaptation_fractions 2 "Mesh adaptation/Coarsen fraction = 0.3" "$fractions"

# A gas phase (NO in Ar through the GDL flow cell's porous layers) with
# one bad entry each: mole fractions that do not sum to 1, a negative
# pressure, an unknown gas, a saturation outside [0, 1), a gas dissolving
# as a species the electrolyte lacks.
gas_case() {
  printf 'include %s\nsubsection Gas phase\n  set Species = %s\n  set Feed composition = %s\n  set Feed boundaries = gas_side\n  set Pressure = %s\n  set Regions = gdl, catalyst_layer\n  set Liquid saturation = %s\n  set Dissolves as = %s\nend\n' \
    "$2/cases/gdl_flow_cell_nitrate/gdl_flow_cell_nitrate.prm" "$3" "$4" "$5" "$6" "$7" >"$work/$1.prm"
  echo "$work/$1.prm"
}
expect gas_fractions 2 "Gas phase/Feed composition = 0.95" \
  "$(gas_case gas_fractions "$2" NO 'NO: 0.1, Ar: 0.85' 101325 'gdl: 0' '')"
expect gas_pressure 2 "Gas phase/Pressure = -1000" \
  "$(gas_case gas_pressure "$2" NO 'NO: 0.1, Ar: 0.9' -1000 'gdl: 0' '')"
expect gas_species 2 "Gas phase/Species = NO3" \
  "$(gas_case gas_species "$2" NO3 'NO3: 0.1, Ar: 0.9' 101325 'gdl: 0' '')"
expect gas_saturation 2 "Gas phase/Liquid saturation = catalyst_layer: 1.2" \
  "$(gas_case gas_saturation "$2" NO 'NO: 0.1, Ar: 0.9' 101325 'catalyst_layer: 1.2' '')"
gas_axis=$work/gas_axis.prm
printf 'include %s\nsubsection Gas phase\n  set Species = NO\n  set Feed composition = NO: 0.1, Ar: 0.9\n  set Feed boundaries = gas_side\n  set Regions = gdl\n  set Feed flow rate = 10\n  set Channel direction = +z\nend\n' \
  "$2/cases/gdl_flow_cell_nitrate/gdl_flow_cell_nitrate.prm" >"$gas_axis"
expect gas_channel_axis 2 "Gas phase/Channel direction = +z" "$gas_axis"
expect gas_dissolves 2 "Gas phase/Dissolves as = NO: NO" \
  "$(gas_case gas_dissolves "$2" NO 'NO: 0.1, Ar: 0.9' 101325 'gdl: 0' 'NO: NO')"
# The gas-fed NO case with gases evolved by a reaction that does not
# exist, by one that also runs where the pores hold no gas, and a feed
# without carrier in regions without a pore size or fed at a rate.
gde_case() {
  printf 'include %s\nsubsection Gas phase\n%s\nend\n' \
    "$2/cases/gde_no_gas/gde_no_gas.prm" "$3" >"$work/$1.prm"
  echo "$work/$1.prm"
}
expect gas_evolved_by_unknown 2 "Gas phase/Evolved by = N2O: no_to_nitrous" \
  "$(gde_case gas_evolved_by_unknown "$2" '  set Evolved by = N2O: no_to_nitrous')"
expect gas_evolved_outside_gas 2 "Gas phase/Evolved by = H2: her" \
  "$(gde_case gas_evolved_outside_gas "$2" '  set Regions = gdl
  set Liquid saturation = gdl: 0.05
  set Mean pore diameter = gdl: 2e-5
  set Exchange coefficient =')"
expect gas_carrier_free_channel 2 "Gas phase/Feed flow rate = 10" \
  "$(gde_case gas_carrier_free_channel "$2" '  set Feed composition = NO: 1
  set Feed flow rate = 10')"
expect gas_carrier_free_pores 2 "Gas phase/Mean pore diameter = catalyst_layer: 0" \
  "$(gde_case gas_carrier_free_pores "$2" '  set Feed composition = NO: 1
  set Mean pore diameter = gdl: 2e-5')"

# A boundary composition that is not electroneutral (nitrate dropped, K+
# kept) says what to set; one on a boundary that holds no concentrations is
# refused.
anolyte=$work/anolyte.prm
printf 'include %s\nsubsection Species\n  subsection K+\n    set Boundary concentrations = anode_collector: 1500\n  end\n  subsection NO3-\n    set Boundary concentrations = anode_collector: 0\n  end\nend\n' \
  "$2/cases/zero_gap_nitrate/zero_gap_nitrate.prm" >"$anolyte"
expect anolyte_not_neutral 2 "set it to anode_collector: 1000" "$anolyte"
outlet_feed=$work/outlet_feed.prm
printf 'include %s\nsubsection Species\n  subsection K+\n    set Boundary concentrations = outlet: 1000\n  end\n  subsection NO3-\n    set Boundary concentrations = outlet: 0\n  end\nend\n' \
  "$2/cases/zero_gap_nitrate/zero_gap_nitrate.prm" >"$outlet_feed"
expect feed_not_a_concentration_boundary 2 "Species/K+/Boundary concentrations = outlet" "$outlet_feed"

# Names the parameter with or without Catalyst built (no such script; or
# not built).
expect catalyst_script 2 "Output/Catalyst script = no_such_script.py" \
  "$(variant catalyst_script '/set Directory = output\/channel_nitrate/a\  set Catalyst script = no_such_script.py')"

# Strict input: braces (deal.II alternatives) are refused with the line of
# the file the user wrote (not of the include-expanded text); numbers are
# read whole ("9,25" is not 9); finite but absurd values are out of range.
included() {
  printf 'include %s\n%s\n' "$2/cases/$3" "$4" >"$work/$1.prm"
  echo "$work/$1.prm"
}
expect braces 2 "line 3 of '$work/braces.prm'" \
  "$(included braces "$2" channel_nitrate/channel_nitrate.prm 'subsection Flow
  set Mean velocity = {0.01|0.02}
end')"
expect line_of_included_case 2 "line 4 of '$work/bad_line.prm'" \
  "$(included bad_line "$2" channel_nitrate/channel_nitrate.prm '# a comment
subsection Flow
  set Mean velocity = fast
end')"
expect pk_comma 2 "Homogeneous reactions/ammonium/pK = 9,25" \
  "$(included pk_comma "$2" zero_gap_nitrate/zero_gap_nitrate.prm 'subsection Homogeneous reactions
  subsection ammonium
    set pK = 9,25
  end
end')"
expect absurd_diffusivity 2 "plausible range of a dissolved species" \
  "$(included absurd_diffusivity "$2" channel_nitrate/channel_nitrate.prm 'subsection Species
  subsection NO3-
    set Diffusivity = 30
  end
end')"
expect absurd_height 2 "Geometry/Channel/Height = 1e308" \
  "$(included absurd_height "$2" channel_nitrate/channel_nitrate.prm 'subsection Geometry
  subsection Channel
    set Height = 1e308
  end
end')"
expect absurd_i0 2 "Electrode reactions/her/Exchange current density = 1e308" \
  "$(included absurd_i0 "$2" channel_nitrate/channel_nitrate.prm 'subsection Electrode reactions
  subsection her
    set Exchange current density = 1e308
  end
end')"
for name in braces line_of_included_case pk_comma absurd_diffusivity absurd_height absurd_i0; do
  grep -qiE "nan|[0-9]{40}|Stacktrace|An error occurred" "$work/$name.err" &&
    fail "$name: the message prints nan, a huge number or a stack trace"
done

# Without HER nothing carries current beyond the nitrate limiting current
# (about 23 mA/cm2 with 10 mM nitrate on the coarse mesh).
no_her=$(variant no_her '/subsection her/,/^  end/d
  s/set Names = nitrate_to_nitrite, nitrite_to_ammonia, her, oer/set Names = nitrate_to_nitrite, nitrite_to_ammonia, oer/
  s/set Global refinements = 1/set Global refinements = 0/
  s/set Targets           = 20, 50, 100, 200, 300, 400, 500/set Targets = 100/
  /subsection NO3-/,/end/s/Inlet concentration = 100/Inlet concentration = 10/
  /subsection K+/,/end/s/Inlet concentration = 1100/Inlet concentration = 1010/')
expect current_too_high 3 "exceeds what the reactions" "$no_her"
grep -q '^failed: ' "$work/out-current_too_high/status" ||
  fail "current_too_high: status file does not say failed"

"$noxflow" --help | grep -q "Usage: noxflow" || fail "--help"
"$noxflow" --print-parameters | grep -q "m2/s" || fail "--print-parameters lacks units"

echo "$((21 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
