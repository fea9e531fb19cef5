// Typst as a whole process, for tests/bench/whole: compile one .typ file to PDF
// with Typst's node compiler (npm @myriaddreamin/typst-ts-node-compiler 0.7.0,
// installed outside the repository's history: npm install --prefix tests/bench ...).
//   node typst-pdf.cjs IN.typ OUT.pdf FONTDIR
const fs = require("fs");
const path = require("path");
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");

const [input, output, fonts] = process.argv.slice(2);
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(input)),
  fontArgs: [{ fontPaths: [fonts] }],
});
const pdf = compiler.pdf({ mainFilePath: path.resolve(input) });
fs.writeFileSync(output, pdf);
