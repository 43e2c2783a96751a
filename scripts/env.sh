# Sourced by the Makefile recipes: binaryen's wasm-opt first on PATH, cargo's bin next.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
